MATCH (w:Workspace {id: $workspace, workspace: $workspace})
DETACH DELETE w
RETURN $workspace AS id
