MATCH (p:Person {id: $person_id, workspace: $workspace})-[m:IN_BUYING_CENTRE]->(d:Deal {id: $deal_id, workspace: $workspace})
OPTIONAL MATCH (p)-[:HAD_STAGE]->(e:JourneyEvent)-[:IN_DEAL]->(d)
DETACH DELETE e
DELETE m
RETURN count(*) AS deleted
