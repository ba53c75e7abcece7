UNWIND $rows AS row
CREATE (p:Person:PersonKey {id: row.id, workspace: $workspace})
SET p += row.props
WITH p, row
CALL (p, row) {
  WITH p, row WHERE row.organisation_id IS NOT NULL
  MATCH (o:Organisation {id: row.organisation_id}) USING INDEX SEEK o:Organisation(id)
  WHERE o.workspace = $workspace
  CREATE (p)-[:WORKS_AT {title: row.props.title, department: row.props.department}]->(o)
}
CALL (p, row) {
  WITH p, row WHERE row.rank IS NOT NULL
  MATCH (l:StatusLevel {id: $workspace + ':org:' + toString(row.rank)}) USING INDEX SEEK l:StatusLevel(id)
  WHERE l.workspace = $workspace
  CREATE (p)-[:AT_LEVEL {inferred: row.inferred}]->(l)
}
RETURN count(p) AS written
