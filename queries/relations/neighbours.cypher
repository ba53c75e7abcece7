OPTIONAL MATCH (w:Workspace {id: $workspace}) WHERE $with_workspace
RETURN w {.*} AS workspace, COLLECT {
  UNWIND $ids AS id
  MATCH (p:Person {id: id, workspace: $workspace})
  WITH id, p, {{ org_level(p) }} AS own
  RETURN {key: id,
    person: {{ person_projection(p, own) }},
    organisation: head([(p)-[:WORKS_AT]->(o:Organisation) | o {.*}]),
    influencers: COLLECT {
      MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $influencers AND a.workspace = $workspace
      WITH a, r, {{ org_level(a) }} AS level ORDER BY r.weight DESC, a.id
      RETURN {edge: r {.*}, person: {{ person_projection(a, level) }}}
    },
    influencers_above: COLLECT {
      MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $influencers_above AND a.workspace = $workspace
      WITH a, r, {{ org_level(a) }} AS level
      WHERE {{ higher_status(level, own) }}
      WITH a, r, level ORDER BY r.weight DESC, a.id
      RETURN {edge: r {.*}, person: {{ person_projection(a, level) }}}
    },
    influences: COLLECT {
      MATCH (p)-[r:INFLUENCES]->(b:Person) WHERE $influences AND b.workspace = $workspace
      WITH b, r, {{ org_level(b) }} AS level ORDER BY r.weight DESC, b.id
      RETURN {edge: r {.*}, person: {{ person_projection(b, level) }}}
    },
    knows: COLLECT {
      MATCH (p)-[r:KNOWS]->(b:Person) WHERE $knows AND b.workspace = $workspace
      WITH b, r, {{ org_level(b) }} AS level ORDER BY r.strength DESC, b.id
      RETURN {edge: r {.*}, person: {{ person_projection(b, level) }}}
    },
    known_by: COLLECT {
      MATCH (a:Person)-[r:KNOWS]->(p) WHERE $known_by AND a.workspace = $workspace
      WITH a, r, {{ org_level(a) }} AS level ORDER BY r.strength DESC, a.id
      RETURN {edge: r {.*}, person: {{ person_projection(a, level) }}}
    },
    managers: COLLECT {
      MATCH (p)-[r:REPORTS_TO]->(b:Person) WHERE $managers AND b.workspace = $workspace
      WITH b, r, {{ org_level(b) }} AS level ORDER BY b.id
      RETURN {line: coalesce(r.line, 'solid'), person: {{ person_projection(b, level) }}}
    },
    reports: COLLECT {
      MATCH (a:Person)-[:REPORTS_TO]->(p) WHERE $reports AND a.workspace = $workspace
      WITH a, {{ org_level(a) }} AS level ORDER BY a.id
      RETURN {person: {{ person_projection(a, level) }}}
    }}
} AS people
