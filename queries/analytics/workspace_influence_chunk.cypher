UNWIND range(0, size($nodes) - 1) AS i
MATCH (a:Person) WHERE id(a) = $nodes[i] AND a.workspace = $workspace
MATCH (a)-[r:INFLUENCES|REPORTS_TO]->(b)
RETURN collect(CASE type(r) WHEN 'REPORTS_TO' THEN -1 - i ELSE i END) AS sources,
       collect(id(b)) AS targets, collect(coalesce(r.weight, 0.0 / 0.0)) AS weights
