MATCH (d:Deal {workspace: $workspace})
WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $limit
OPTIONAL MATCH (d)-[:FOR]->(o:Organisation)
RETURN d.id AS anchor, d.id AS id, d.name AS name, o.id AS organisation_id,
       d.amount AS amount, toString(d.close_date) AS close_date
ORDER BY id
