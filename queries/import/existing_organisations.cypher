UNWIND $ids AS id
MATCH (n:Organisation {id: id})
RETURN n.id AS id, n.workspace AS workspace
