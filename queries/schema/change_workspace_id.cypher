CREATE RANGE INDEX change_workspace_id IF NOT EXISTS FOR (n:Change) ON (n.workspace, n.id)
