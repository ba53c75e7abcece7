UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
MATCH (p)-[r:INFLUENCES|KNOWS|REPORTS_TO]-(:Person)
WITH DISTINCT r
RETURN type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, r {.*} AS props
