MATCH (p:Person {workspace: $workspace})
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation)
RETURN p.id AS id, p.name AS name,
  head([(p)-[:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | s.rank]) AS level,
  o.id AS org_id, o.kind AS org_kind
