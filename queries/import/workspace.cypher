MERGE (w:Workspace {id: $workspace})
ON CREATE SET w.workspace = $workspace, w.name = $workspace, w.icp = '[]'
MERGE (l:Ladder {id: $workspace + ':org'})
ON CREATE SET l.workspace = $workspace, l.name = 'Organisation', l.default = true
WITH l
UNWIND $levels AS level
MERGE (s:StatusLevel {id: l.id + ':' + toString(level.rank)})
ON CREATE SET s.workspace = $workspace, s.ladder = l.id, s.rank = level.rank, s.name = level.name
MERGE (s)-[:ON]->(l)
RETURN count(s) AS levels
