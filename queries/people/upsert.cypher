UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.workspace = $workspace
WITH p, row
WHERE p.workspace = $workspace
SET p += row.props
RETURN count(p) AS written
