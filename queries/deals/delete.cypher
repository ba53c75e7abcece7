MATCH (d:Deal {id: $id, workspace: $workspace})
OPTIONAL MATCH (e:JourneyEvent)-[:IN_DEAL]->(d)
DETACH DELETE e
WITH DISTINCT d
DETACH DELETE d
RETURN count(*) AS deleted
