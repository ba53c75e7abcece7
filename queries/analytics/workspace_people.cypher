MATCH (p:Person {workspace: $workspace})
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation {workspace: $workspace})
WITH p, head(collect(o)) AS o
RETURN collect({id: p.id, name: p.name,
  level: {{ org_rank(p) }},
  org: [o.id, o.kind]}) AS people
