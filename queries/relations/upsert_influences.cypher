UNWIND $rows AS row
MATCH (a:Person {id: row[0]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (b:Person {id: row[1]}) USING INDEX SEEK b:Person(id)
WHERE b.workspace = $workspace
MERGE (a)-[r:INFLUENCES]->(b)
SET r.weight = row[2], r.kind = row[3], r.evidence = row[4], r.since = row[5], r.until = row[6],
    r.basis = row[7]
RETURN count(r) AS written
