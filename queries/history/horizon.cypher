OPTIONAL MATCH (w:Workspace {id: $workspace, workspace: $workspace})
CALL () {
  MATCH (c:Change {workspace: $workspace})
  WHERE c.id >= ''
  WITH c ORDER BY c.id LIMIT 1
  RETURN collect(c.at) AS first
}
RETURN w.history_pruned_before AS pruned_before, head(first) AS first
