UNWIND $rows AS row
OPTIONAL MATCH (stored:Person {id: row.id}) USING INDEX SEEK stored:Person(id)
WITH row, stored IS NOT NULL AS existed
MERGE (p:Person {id: row.id})
ON CREATE SET p.workspace = $workspace, p:PersonKey
WITH p, row, existed
WHERE p.workspace = $workspace
SET p += row.props
RETURN count(p) AS written, collect(CASE WHEN existed THEN row.id END) AS existed
