MATCH (p:Person {workspace: $workspace})
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation {workspace: $workspace})
WITH p, head(collect(o)) AS o
RETURN collect({id: p.id, name: p.name,
  level: head([(p)-[:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | s.rank]),
  org: [o.id, o.kind]}) AS people
