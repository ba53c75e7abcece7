MATCH (w:Workspace {id: $workspace, workspace: $workspace})
CREATE (l:Ladder {id: $id, workspace: $workspace, name: $name, default: false})
WITH l
UNWIND $levels AS level
CREATE (:StatusLevel {
  id: l.id + ':' + toString(level.rank), workspace: $workspace, ladder: l.id,
  rank: level.rank, name: level.name
})-[:ON]->(l)
RETURN DISTINCT l.id AS id
