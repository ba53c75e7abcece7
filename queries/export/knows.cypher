MATCH (a:Person {workspace: $workspace})
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r:KNOWS]->(b:Person)
RETURN a.id AS anchor, a.id AS source_id, b.id AS target_id, r.strength AS strength,
       toString(r.last_contact) AS last_contact
ORDER BY source_id, target_id
