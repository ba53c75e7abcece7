MATCH (p:Person)
RETURN p.id AS id
LIMIT 1
