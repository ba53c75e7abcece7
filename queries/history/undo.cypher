WITH $people AS people, [d IN [$deal_id] WHERE d IS NOT NULL] AS deals,
     $organisations AS organisations
UNWIND {{ change_subjects(people, deals, organisations) }} AS subject
MATCH ()-[r:CONCERNS {workspace: $workspace, subject: subject}]->(c:Change)
USING INDEX r:CONCERNS(workspace, subject, id)
WHERE r.id >= $since
WITH DISTINCT c
WITH c ORDER BY c.id
// The first event of each fact, its before kept when it is null (the fact did not exist yet).
WITH c.key AS key, head(collect([c.id, c.before])) AS first
RETURN collect([key, first[0], first[1]]) AS events
