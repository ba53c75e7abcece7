MATCH (p:Person {workspace: $workspace})-[:HAD_STAGE]->(e:JourneyEvent)-[:IN_DEAL]->(d:Deal)
RETURN d.id AS deal_id, p.id AS person_id, e.stage AS stage, e.at AS at, e.note AS note
ORDER BY deal_id, person_id, at, stage, note
