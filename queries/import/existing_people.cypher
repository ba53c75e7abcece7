UNWIND $ids AS id
MATCH (n:Person {id: id})
RETURN n.id AS id, n.workspace AS workspace
