UNWIND $rows AS row
MATCH (a:Person {id: row[0]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (b:Person {id: row[1]}) USING INDEX SEEK b:Person(id)
WHERE b.workspace = $workspace
CREATE (a)-[r:KNOWS {strength: row[2], last_contact: row[3]}]->(b)
RETURN count(r) AS written
