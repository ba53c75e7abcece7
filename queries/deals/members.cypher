OPTIONAL MATCH (w:Workspace {id: $workspace}) WHERE $with_workspace
RETURN w {.*} AS workspace, COLLECT {
  UNWIND $ids AS id
  MATCH (d:Deal {id: id, workspace: $workspace})
  RETURN {key: id,
    deal: d {.*, organisation_id: head([(d)-[:FOR]->(o:Organisation) | o.id])},
    members: COLLECT {
      MATCH (p:Person {workspace: $workspace})-[m:IN_BUYING_CENTRE]->(d) WHERE $with_members
      WITH p, m, {{ org_level(p) }} AS own
      ORDER BY p.id
      RETURN {person: {{ person_projection(p, own) }}, member: m {.*},
        organisation: CASE WHEN $with_organisations THEN head([(p)-[:WORKS_AT]->(o:Organisation) | o {.*}]) END,
        influencers: COLLECT {
          MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $with_influencers AND a.workspace = $workspace
          WITH a, r, {{ org_level(a) }} AS level
          WHERE NOT $above_only OR {{ higher_status(level, own) }}
          WITH a, r, level ORDER BY r.weight DESC, a.id
          RETURN {edge: r {.*}, person: {{ person_projection(a, level) }}}
        }}
    }}
} AS deals
