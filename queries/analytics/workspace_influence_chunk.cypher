UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Person {workspace: $workspace, id: $ids[i]})-[r:INFLUENCES|REPORTS_TO]->(b:Person)
WHERE a <> b AND (type(r) = 'REPORTS_TO' OR r.weight IS NOT NULL)
RETURN collect(i) AS sources, collect(b.id) AS targets,
       collect(type(r) = 'REPORTS_TO') AS reports, collect(coalesce(r.weight, 0.0)) AS weights
