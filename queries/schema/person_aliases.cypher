CREATE INDEX person_aliases IF NOT EXISTS FOR (n:Person) ON (n.aliases)
