CREATE INDEX status_level_workspace IF NOT EXISTS FOR (n:StatusLevel) ON (n.workspace)
