CREATE INDEX deal_workspace IF NOT EXISTS FOR (n:Deal) ON (n.workspace)
