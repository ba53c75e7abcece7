CREATE INDEX status_level_ladder IF NOT EXISTS FOR (n:StatusLevel) ON (n.ladder, n.rank)
