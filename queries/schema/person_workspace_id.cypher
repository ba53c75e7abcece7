CREATE INDEX person_workspace_id IF NOT EXISTS FOR (n:Person) ON (n.workspace, n.id)
