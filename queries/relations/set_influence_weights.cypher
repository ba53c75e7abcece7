UNWIND $rows AS row
MATCH (a:Person {id: row[0]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (b:Person {id: row[1]}) USING INDEX SEEK b:Person(id)
WHERE b.workspace = $workspace
MATCH (a)-[r:INFLUENCES]->(b)
SET r.weight = row[2]
WITH a, b, r
{{ reporting_influence(a, b) }}
RETURN count(r) AS settled
