UNWIND $rows AS row
MATCH (a:Person {id: row[0]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (b:Person {id: row[1]}) USING INDEX SEEK b:Person(id)
WHERE b.workspace = $workspace
MERGE (a)-[r:KNOWS]->(b)
SET r.strength = row[2], r.last_contact = row[3]
RETURN count(r) AS written
