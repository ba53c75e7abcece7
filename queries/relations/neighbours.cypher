OPTIONAL MATCH (w:Workspace {id: $workspace}) WHERE $with_workspace
RETURN w {.*} AS workspace, COLLECT {
  UNWIND $ids AS id
  MATCH (p:Person {id: id, workspace: $workspace})
  WITH id, p, head([(p)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}]) AS own
  RETURN {key: id,
    person: p {.id, .workspace, .name, .title, .department, .email, .needs, .tags, organisation_id: head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]), level: own},
    organisation: head([(p)-[:WORKS_AT]->(o:Organisation) | o {.*}]),
    influencers: COLLECT {
      MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $influencers AND a.workspace = $workspace
      WITH a, r ORDER BY r.weight DESC, a.id
      RETURN {edge: r {.*}, person: a {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
        organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
        level: head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
    },
    influencers_above: COLLECT {
      MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $influencers_above AND a.workspace = $workspace
      WITH a, r, head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}]) AS level
      WHERE level IS NOT NULL AND (own IS NULL OR level.rank > own.rank)
      WITH a, r, level ORDER BY r.weight DESC, a.id
      RETURN {edge: r {.*}, person: a {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
        organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
        level: level}}
    },
    influences: COLLECT {
      MATCH (p)-[r:INFLUENCES]->(b:Person) WHERE $influences AND b.workspace = $workspace
      WITH b, r ORDER BY r.weight DESC, b.id
      RETURN {edge: r {.*}, person: b {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
        organisation_id: head([(b)-[:WORKS_AT]->(o:Organisation) | o.id]),
        level: head([(b)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
    },
    knows: COLLECT {
      MATCH (p)-[r:KNOWS]->(b:Person) WHERE $knows AND b.workspace = $workspace
      WITH b, r ORDER BY r.strength DESC, b.id
      RETURN {edge: r {.*}, person: b {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
        organisation_id: head([(b)-[:WORKS_AT]->(o:Organisation) | o.id]),
        level: head([(b)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
    },
    known_by: COLLECT {
      MATCH (a:Person)-[r:KNOWS]->(p) WHERE $known_by AND a.workspace = $workspace
      WITH a, r ORDER BY r.strength DESC, a.id
      RETURN {edge: r {.*}, person: a {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
        organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
        level: head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
    },
    managers: COLLECT {
      MATCH (p)-[:REPORTS_TO]->(b:Person) WHERE $managers AND b.workspace = $workspace
      WITH b ORDER BY b.id
      RETURN {person: b {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
        organisation_id: head([(b)-[:WORKS_AT]->(o:Organisation) | o.id]),
        level: head([(b)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
    },
    reports: COLLECT {
      MATCH (a:Person)-[:REPORTS_TO]->(p) WHERE $reports AND a.workspace = $workspace
      WITH a ORDER BY a.id
      RETURN {person: a {.id, .workspace, .name, .title, .department, .email, .needs, .tags,
        organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
        level: head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
    }}
} AS people
