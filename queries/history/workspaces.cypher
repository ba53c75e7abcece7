MATCH (w:Workspace)
RETURN w.id AS id ORDER BY id
