CREATE INDEX ladder_workspace IF NOT EXISTS FOR (n:Ladder) ON (n.workspace)
