OPTIONAL MATCH (w:Workspace {id: $workspace, workspace: $workspace})
CALL (w) {
  WITH w WHERE w IS NOT NULL
  SET w.fence = true
  REMOVE w.fence
}
RETURN EXISTS { MATCH (:Workspace {id: $workspace, workspace: $workspace}) } AS held
