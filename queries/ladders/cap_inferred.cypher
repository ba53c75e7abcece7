UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
OPTIONAL MATCH (report:Person)-[:REPORTS_TO]->(p)
WITH collect(DISTINCT p) + collect(DISTINCT report) AS candidates
UNWIND candidates AS c
WITH DISTINCT c
MATCH (c)-[a:AT_LEVEL {inferred: true}]->(own:StatusLevel {ladder: $workspace + ':org'})
MATCH (c)-[:REPORTS_TO]->(:Person)-[:AT_LEVEL]->(boss:StatusLevel {ladder: $workspace + ':org'})
WITH c, a, own, min(boss.rank) AS cap
WHERE own.rank > cap
MATCH (l:StatusLevel {id: $workspace + ':org:' + toString(cap)}) USING INDEX SEEK l:StatusLevel(id)
DELETE a
MERGE (c)-[n:AT_LEVEL]->(l)
SET n.inferred = true
RETURN collect(c.id) AS capped
