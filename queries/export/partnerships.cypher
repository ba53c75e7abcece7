MATCH (a:Organisation {workspace: $workspace})-[:PARTNERS_WITH]->(b:Organisation)
RETURN a.id AS organisation_id, b.id AS partner_id
ORDER BY organisation_id, partner_id
