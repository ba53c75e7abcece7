UNWIND $ids AS id
MATCH (:Person {id: id, workspace: $workspace})-[:REPORTS_TO]->(b:Person {workspace: $workspace})
RETURN id AS key, b {.*,
  organisation_id: head([(b)-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: head([(b)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])
} AS person
ORDER BY b.id
