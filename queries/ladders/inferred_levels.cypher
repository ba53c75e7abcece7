MATCH (p:Person {workspace: $workspace})-[:AT_LEVEL {inferred: true}]->(l:StatusLevel)
WHERE l.ladder = $workspace + ':org'
RETURN p.id AS id, p.title AS title, l.rank AS rank
ORDER BY id
