MATCH (c:Change {workspace: $workspace})
WHERE c.id >= $since
  AND ($deal_id IN c.deals
       OR any(o IN c.organisations WHERE o IN $organisations)
       OR any(p IN c.people WHERE p IN $people))
WITH c ORDER BY c.id
WITH c.key AS key, head(collect(c.id)) AS first, head(collect(c.before)) AS before
RETURN key, first, before
