MATCH (d:Deal {workspace: $workspace})
OPTIONAL MATCH (d)-[:FOR]->(o:Organisation)
RETURN d.id AS id, d.name AS name, o.id AS organisation_id, d.amount AS amount,
       toString(d.close_date) AS close_date
ORDER BY id
