UNWIND $rows AS row
MATCH (a:Person {id: row[0]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (b:Person {id: row[1]}) USING INDEX SEEK b:Person(id)
WHERE b.workspace = $workspace
CREATE (a)-[r:INFLUENCES {weight: row[2], kind: row[3], evidence: row[4], since: row[5], until: row[6], basis: row[7]}]->(b)
RETURN count(r) AS written
