UNWIND $rows AS row
MATCH (a:Person {id: row.person_id, workspace: $workspace})
MATCH (b:Person {id: row.manager_id, workspace: $workspace})
MERGE (a)-[r:REPORTS_TO]->(b)
SET r.line = row.line
RETURN count(r) AS written
