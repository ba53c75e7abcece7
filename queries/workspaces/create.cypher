CREATE (w:Workspace {id: $workspace, workspace: $workspace, name: $name, icp: '[]'})
CREATE (l:Ladder {id: $workspace + ':org', workspace: $workspace, name: 'Organisation', default: true})
WITH w, l
UNWIND $levels AS level
CREATE (:StatusLevel {
  id: l.id + ':' + toString(level.rank), workspace: $workspace, ladder: l.id,
  rank: level.rank, name: level.name
})-[:ON]->(l)
RETURN DISTINCT w.id AS id
