MATCH (a:Person {workspace: $workspace})
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r:REPORTS_TO]->(b:Person)
RETURN a.id AS anchor, a.id AS person_id, b.id AS manager_id,
       CASE WHEN r IS NULL THEN null ELSE coalesce(r.line, 'solid') END AS line
ORDER BY person_id, manager_id
