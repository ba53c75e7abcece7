MATCH (w:Workspace {id: $workspace, workspace: $workspace})
SET w.icp = $icp
RETURN w {.*} AS workspace
