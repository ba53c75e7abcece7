UNWIND $ids AS id
MATCH (a:Person {workspace: $workspace})-[r:KNOWS]->(:Person {id: id, workspace: $workspace})
RETURN id AS key, a {.*,
  organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])
} AS person, r {.*} AS edge
ORDER BY r.strength DESC, a.id
