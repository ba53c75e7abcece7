MATCH (p:Person {workspace: $workspace})
WITH p, [(p)-[:WORKS_AT]->(o:Organisation {workspace: $workspace}) | o][0] AS o
RETURN collect(p.id) AS ids, collect(coalesce(o.id, '')) AS org_ids,
       collect(coalesce(o.kind, '')) AS org_kinds
