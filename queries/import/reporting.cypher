UNWIND $rows AS row
MATCH (a:Person {id: row[0]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (b:Person {id: row[1]}) USING INDEX SEEK b:Person(id)
WHERE b.workspace = $workspace
MERGE (a)-[r:REPORTS_TO]->(b)
SET r.line = row[2]
WITH a, b, r
{{ reporting_influence(b, a) }}
RETURN count(r) AS written
