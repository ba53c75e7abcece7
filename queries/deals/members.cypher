UNWIND $ids AS id
MATCH (p:Person {workspace: $workspace})-[m:IN_BUYING_CENTRE]->(:Deal {id: id, workspace: $workspace})
RETURN id AS key, p {.*,
  organisation_id: head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: head([(p)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])
} AS person, m {.*} AS member,
  head([(p)-[:WORKS_AT]->(o:Organisation) | o {.*}]) AS organisation,
  COLLECT {
    MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $with_influencers AND a.workspace = $workspace
    WITH a, r ORDER BY r.weight DESC, a.id
    RETURN {edge: r {.*}, person: a {.*,
      organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
  } AS influencers
ORDER BY p.id
