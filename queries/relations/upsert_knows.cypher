UNWIND $rows AS row
MATCH (a:Person {id: row.source_id, workspace: $workspace})
MATCH (b:Person {id: row.target_id, workspace: $workspace})
MERGE (a)-[r:KNOWS]->(b)
SET r.strength = row.strength, r.last_contact = row.last_contact
RETURN count(r) AS written
