CREATE INDEX person_workspace IF NOT EXISTS FOR (n:Person) ON (n.workspace)
