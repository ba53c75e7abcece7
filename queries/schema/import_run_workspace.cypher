CREATE INDEX import_run_workspace IF NOT EXISTS FOR (n:ImportRun) ON (n.workspace)
