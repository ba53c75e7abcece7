MATCH (p:Person {id: $id, workspace: $workspace})
OPTIONAL MATCH (p)-[:HAD_STAGE]->(e:JourneyEvent)
DETACH DELETE e
WITH DISTINCT p
DETACH DELETE p
RETURN count(*) AS deleted
