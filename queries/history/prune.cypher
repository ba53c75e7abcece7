MATCH (c:Change {workspace: $workspace})
WHERE c.id >= '' AND c.id < $before
// Oldest first in the (workspace, id) index's own order: a batch reads its own events only.
WITH c ORDER BY c.workspace, c.id LIMIT $batch
DETACH DELETE c
RETURN count(*) AS deleted
