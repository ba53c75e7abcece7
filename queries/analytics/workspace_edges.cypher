MATCH (a:Person {workspace: $workspace})-[r:INFLUENCES|REPORTS_TO|KNOWS]->(b:Person {workspace: $workspace})
WHERE a <> b AND (type(r) = 'REPORTS_TO' OR coalesce(r.weight, r.strength) IS NOT NULL)
RETURN collect(type(r)) AS types, collect(a.id) AS sources, collect(b.id) AS targets,
       collect(coalesce(r.weight, r.strength, 0.0)) AS weights,
       collect(coalesce(r.kind, 'advice')) AS kinds
