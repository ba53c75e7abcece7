WITH $people AS people, [d IN [$deal_id] WHERE d IS NOT NULL] AS deals,
     $organisations AS organisations
UNWIND {{ change_subjects(people, deals, organisations) }} AS subject
MATCH ()-[r:CONCERNS {workspace: $workspace, subject: subject}]->(c:Change)
USING INDEX r:CONCERNS(workspace, subject, id)
WHERE r.id >= $since
WITH DISTINCT c
WITH c ORDER BY c.id
WITH c.key AS key, head(collect(c.id)) AS first, head(collect(c.before)) AS before
RETURN key, first, before
