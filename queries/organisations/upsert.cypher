UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
ON CREATE SET o.workspace = $workspace, o.kind = 'customer'
WITH o, row
WHERE o.workspace = $workspace
SET o += row.props
RETURN count(o) AS written
