MATCH (a:Organisation {workspace: $workspace})
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[:PARTNERS_WITH]->(b:Organisation)
RETURN a.id AS anchor, a.id AS organisation_id, b.id AS partner_id
ORDER BY organisation_id, partner_id
