MATCH (d:Deal {workspace: $workspace})
WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $limit
OPTIONAL MATCH (p:Person {workspace: $workspace})-[:HAD_STAGE]->(e:JourneyEvent)-[:IN_DEAL]->(d)
RETURN d.id AS anchor, d.id AS deal_id, p.id AS person_id, e.stage AS stage, e.at AS at,
       e.note AS note
ORDER BY deal_id, person_id, at, stage, note
