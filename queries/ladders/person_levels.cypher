UNWIND $ids AS id
MATCH (p:Person {id: id, workspace: $workspace})-[a:AT_LEVEL]->(s:StatusLevel {workspace: $workspace})
MATCH (s)-[:ON]->(l:Ladder)
RETURN id AS key, s.rank AS rank, s.name AS name, coalesce(a.inferred, false) AS inferred,
       l.id AS ladder_id, l.name AS ladder_name
ORDER BY l.default DESC, l.id
