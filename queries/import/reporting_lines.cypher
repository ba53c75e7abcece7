MATCH (a:Person {workspace: $workspace})-[r:REPORTS_TO]->(b:Person)
RETURN a.id AS person_id, b.id AS manager_id, r.line AS line
