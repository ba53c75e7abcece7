UNWIND $rows AS row
MERGE (d:Deal {id: row.id})
ON CREATE SET d.workspace = $workspace
WITH d, row
WHERE d.workspace = $workspace
SET d += row.props
WITH d, row
CALL (d, row) {
  MATCH (d)-[old:FOR]->(o:Organisation)
  WHERE o.id <> row.organisation_id
  DELETE old
}
MATCH (o:Organisation {id: row.organisation_id, workspace: $workspace})
MERGE (d)-[:FOR]->(o)
RETURN count(d) AS written
