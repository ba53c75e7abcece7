MATCH (p:Person {id: $person_id, workspace: $workspace})
MATCH (l:StatusLevel {ladder: $ladder_id, rank: $rank, workspace: $workspace})
OPTIONAL MATCH (p)-[old:AT_LEVEL]->(:StatusLevel {ladder: $ladder_id, workspace: $workspace})
DELETE old
WITH DISTINCT p, l
MERGE (p)-[a:AT_LEVEL]->(l)
SET a.inferred = false
RETURN p.id AS id
