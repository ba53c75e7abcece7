OPTIONAL MATCH (w:Workspace {id: $workspace, workspace: $workspace})
CALL () {
  // The first event in the (workspace, id) index's own order (ordered by both keys, so the
  // planner takes the order from it): one index entry read, not every event of the workspace.
  MATCH (c:Change {workspace: $workspace})
  WHERE c.id >= ''
  WITH c ORDER BY c.workspace, c.id LIMIT 1
  RETURN collect(c.at) AS first
}
RETURN w.history_pruned_before AS pruned_before, head(first) AS first
