MATCH (a:Person {workspace: $workspace})
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r:INFLUENCES]->(b:Person)
RETURN a.id AS anchor, a.id AS source_id, b.id AS target_id, r.weight AS weight,
       r.kind AS kind, r.evidence AS evidence, r.basis AS basis
ORDER BY source_id, target_id
