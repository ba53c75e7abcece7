UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.workspace = $workspace
WITH p, row
WHERE p.workspace = $workspace
SET p += row.props
WITH p, row
CALL (p, row) {
  MATCH (p)-[old:WORKS_AT]->(o:Organisation)
  WHERE o.id <> coalesce(row.organisation_id, '')
  DELETE old
}
CALL (p, row) {
  WITH p, row WHERE row.organisation_id IS NOT NULL
  MATCH (o:Organisation {id: row.organisation_id, workspace: $workspace})
  MERGE (p)-[w:WORKS_AT]->(o)
  SET w.title = row.props.title, w.department = row.props.department
}
CALL (p, row) {
  MATCH (p)-[old:AT_LEVEL]->(x:StatusLevel {ladder: $workspace + ':org'})
  WHERE x.rank <> coalesce(row.rank, -1)
  DELETE old
}
CALL (p, row) {
  WITH p, row WHERE row.rank IS NOT NULL
  MATCH (l:StatusLevel {id: $workspace + ':org:' + toString(row.rank)})
  MERGE (p)-[a:AT_LEVEL]->(l)
  SET a.inferred = row.inferred
}
RETURN count(p) AS written
