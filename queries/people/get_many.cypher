UNWIND $ids AS id
MATCH (p:Person {id: id, workspace: $workspace})
RETURN p {.*,
  organisation_id: head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: head([(p)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])
} AS person, head([(p)-[:WORKS_AT]->(o:Organisation) | o {.*}]) AS organisation
