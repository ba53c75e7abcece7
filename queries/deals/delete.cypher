MATCH (d:Deal {id: $id, workspace: $workspace})
OPTIONAL MATCH (e:JourneyEvent)-[:IN_DEAL]->(d)
DETACH DELETE e
WITH DISTINCT d
OPTIONAL MATCH (v:SavedView)-[:VIEW_OF]->(d)
DETACH DELETE v
WITH DISTINCT d
DETACH DELETE d
RETURN count(*) AS deleted
