// fragment fence(held)
OPTIONAL MATCH (fence_ws:Workspace {id: $workspace, workspace: $workspace})
CALL (fence_ws) {
  WITH fence_ws WHERE fence_ws IS NOT NULL
  SET fence_ws.fence = true
  REMOVE fence_ws.fence
}
RETURN EXISTS { MATCH (:Workspace {id: $workspace, workspace: $workspace}) } AS {{held}}
