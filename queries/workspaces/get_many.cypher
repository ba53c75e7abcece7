UNWIND $ids AS id
MATCH (w:Workspace {id: id})
RETURN w {.*} AS workspace
