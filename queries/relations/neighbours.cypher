UNWIND $ids AS id
MATCH (p:Person {id: id, workspace: $workspace})
WITH id, p, head([(p)-[:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | s.rank]) AS own
RETURN id AS key,
  COLLECT {
    MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $influencers AND a.workspace = $workspace
    WITH a, r ORDER BY r.weight DESC, a.id
    RETURN {edge: r {.*}, person: a {.*,
      organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
  } AS influencers,
  COLLECT {
    MATCH (a:Person)-[r:INFLUENCES]->(p) WHERE $influencers_above AND a.workspace = $workspace
    WITH a, r, head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}]) AS level
    WHERE level IS NOT NULL AND (own IS NULL OR level.rank > own)
    WITH a, r, level ORDER BY r.weight DESC, a.id
    RETURN {edge: r {.*}, person: a {.*,
      organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: level}}
  } AS influencers_above,
  COLLECT {
    MATCH (p)-[r:INFLUENCES]->(b:Person) WHERE $influences AND b.workspace = $workspace
    WITH b, r ORDER BY r.weight DESC, b.id
    RETURN {edge: r {.*}, person: b {.*,
      organisation_id: head([(b)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: head([(b)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
  } AS influences,
  COLLECT {
    MATCH (p)-[r:KNOWS]->(b:Person) WHERE $knows AND b.workspace = $workspace
    WITH b, r ORDER BY r.strength DESC, b.id
    RETURN {edge: r {.*}, person: b {.*,
      organisation_id: head([(b)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: head([(b)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
  } AS knows,
  COLLECT {
    MATCH (a:Person)-[r:KNOWS]->(p) WHERE $known_by AND a.workspace = $workspace
    WITH a, r ORDER BY r.strength DESC, a.id
    RETURN {edge: r {.*}, person: a {.*,
      organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
  } AS known_by,
  COLLECT {
    MATCH (p)-[:REPORTS_TO]->(b:Person) WHERE $managers AND b.workspace = $workspace
    WITH b ORDER BY b.id
    RETURN {person: b {.*,
      organisation_id: head([(b)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: head([(b)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
  } AS managers,
  COLLECT {
    MATCH (a:Person)-[:REPORTS_TO]->(p) WHERE $reports AND a.workspace = $workspace
    WITH a ORDER BY a.id
    RETURN {person: a {.*,
      organisation_id: head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]),
      level: head([(a)-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])}}
  } AS reports
