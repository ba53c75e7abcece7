MATCH (p:Person {workspace: $workspace})
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation {workspace: $workspace})
WITH p, head(collect(o)) AS o
RETURN collect(p.id) AS ids, collect(coalesce(o.id, '')) AS org_ids,
       collect(coalesce(o.kind, '')) AS org_kinds
