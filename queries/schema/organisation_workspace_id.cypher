CREATE INDEX organisation_workspace_id IF NOT EXISTS FOR (n:Organisation) ON (n.workspace, n.id)
