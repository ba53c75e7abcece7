UNWIND $ids AS id
MATCH (p:Person {workspace: $workspace})-[m:IN_BUYING_CENTRE]->(:Deal {id: id, workspace: $workspace})
WITH id, p, m, head([(p)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}]) AS own
RETURN id AS key, p {.*,
  organisation_id: head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: own
} AS person, m {.*} AS member,
  head([(p)-[:WORKS_AT]->(o:Organisation) | o {.*}]) AS organisation,
  COLLECT {
    MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $with_influencers AND a.workspace = $workspace
    WITH a, r, head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}]) AS level
    WHERE NOT $above_only OR (level IS NOT NULL AND (own IS NULL OR level.rank > own.rank))
    WITH a, r, level ORDER BY r.weight DESC, a.id
    RETURN {edge: r {.*}, person: a {.*,
      organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: level}}
  } AS influencers
ORDER BY p.id
