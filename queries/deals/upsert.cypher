UNWIND $rows AS row
MERGE (d:Deal {id: row.id})
ON CREATE SET d.workspace = $workspace
WITH d, row
WHERE d.workspace = $workspace
SET d += row.props
WITH d, row
CALL (d, row) {
  WITH d, row WHERE row.organisation_id IS NOT NULL
  MATCH (o:Organisation {id: row.organisation_id}) USING INDEX SEEK o:Organisation(id)
  WHERE o.workspace = $workspace
  OPTIONAL MATCH (d)-[old:FOR]->(:Organisation)
  DELETE old
  WITH DISTINCT d, o
  MERGE (d)-[:FOR]->(o)
}
RETURN count(d) AS written
