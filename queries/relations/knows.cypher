UNWIND $ids AS id
MATCH (:Person {id: id, workspace: $workspace})-[r:KNOWS]->(b:Person {workspace: $workspace})
RETURN id AS key, b {.*,
  organisation_id: head([(b)-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: head([(b)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])
} AS person, r {.*} AS edge
ORDER BY r.strength DESC, b.id
