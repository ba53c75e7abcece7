MATCH (o:Organisation {id: $id, workspace: $workspace})
OPTIONAL MATCH (d:Deal {workspace: $workspace})-[:FOR]->(o)
OPTIONAL MATCH (e:JourneyEvent {workspace: $workspace})-[:IN_DEAL]->(d)
DETACH DELETE e, d
WITH DISTINCT o
DETACH DELETE o
RETURN count(*) AS deleted
