UNWIND $ids AS id
MATCH (p:Person {workspace: $workspace})-[:WORKS_AT]->(:Organisation {id: id, workspace: $workspace})
RETURN id AS key, p {.*, organisation_id: id,
  level: head([(p)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])
} AS person
ORDER BY p.id
