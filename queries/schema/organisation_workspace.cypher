CREATE INDEX organisation_workspace IF NOT EXISTS FOR (n:Organisation) ON (n.workspace)
