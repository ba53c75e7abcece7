MATCH (p:Person {id: $person, workspace: $workspace})
RETURN p {.id, .name, .title,
  level: head([(p)-[:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | s {.rank, .name}]),
  organisation: head([(p)-[:WORKS_AT]->(o:Organisation) | o {.id, .name}]),
  influencers: [(a:Person)-[r:INFLUENCES]->(p) | {weight: r.weight, kind: r.kind, person: a {.id, .name}}],
  influences: [(p)-[r:INFLUENCES]->(b:Person) | {weight: r.weight, person: b {.id, .name}}],
  reportsTo: [(p)-[:REPORTS_TO]->(m:Person) | m {.id, .name}]
} AS person
