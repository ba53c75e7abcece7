MATCH (a:Person {workspace: $workspace})-[r:REPORTS_TO]->(b:Person)
RETURN a.id AS person_id, b.id AS manager_id, coalesce(r.line, 'solid') AS line
ORDER BY person_id, manager_id
