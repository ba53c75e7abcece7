MATCH (p:Person {id: $id, workspace: $workspace})
OPTIONAL MATCH (p)-[:HAD_STAGE]->(e:JourneyEvent)
DETACH DELETE e
WITH DISTINCT p
// The person's aliases go with them (schema/person_keys_unique): free for others again.
OPTIONAL MATCH (p)<-[:ALIAS_OF]-(a:PersonAlias)
DETACH DELETE a
WITH DISTINCT p
DETACH DELETE p
RETURN count(*) AS deleted
