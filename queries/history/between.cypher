MATCH (c:Change {workspace: $workspace})
WHERE {{ change_filter(c) }}
WITH c ORDER BY c.id
RETURN c {.*} AS change
