MATCH (w:Workspace {id: $workspace, workspace: $workspace})
SET w += $props
RETURN w {.*} AS workspace
