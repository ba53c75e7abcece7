OPTIONAL MATCH (w:Workspace {id: $workspace}) WHERE $with_workspace
RETURN w {.*} AS workspace, COLLECT {
  UNWIND $ids AS id
  MATCH (d:Deal {id: id, workspace: $workspace})
  RETURN {key: id,
    deal: d {.*, organisation_id: head([(d)-[:FOR]->(o:Organisation) | o.id])},
    members: COLLECT {
      MATCH (p:Person {workspace: $workspace})-[m:IN_BUYING_CENTRE]->(d) WHERE $with_members
      WITH p, m, head([(p)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}]) AS own
      ORDER BY p.id
      RETURN {person: p {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
          organisation_id: head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]),
          level: own
        }, member: m {.*},
        organisation: CASE WHEN $with_organisations THEN head([(p)-[:WORKS_AT]->(o:Organisation) | o {.*}]) END,
        influencers: COLLECT {
          MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $with_influencers AND a.workspace = $workspace
          WITH a, r, head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}]) AS level
          WHERE NOT $above_only OR (level IS NOT NULL AND (own IS NULL OR level.rank > own.rank))
          WITH a, r, level ORDER BY r.weight DESC, a.id
          RETURN {edge: r {.*}, person: a {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
            organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
            level: level}}
        }}
    }}
} AS deals
