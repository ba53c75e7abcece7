MATCH (c:Change {workspace: $workspace})
WHERE c.id >= '' AND c.id < $before
WITH c ORDER BY c.id LIMIT $batch
DETACH DELETE c
RETURN count(*) AS deleted
