UNWIND $edges AS edge
MATCH (a:Person {id: edge[1]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (a)-[r]->(b:Person {id: edge[2]})
WHERE b.workspace = $workspace AND type(r) = edge[0]
RETURN type(r) AS type, a.id AS source, b.id AS target, r {.*} AS props
