UNWIND $rows AS row
MATCH (p:Person {id: row.id, workspace: $workspace})
CALL (p, row) {
  WITH p, row WHERE row.organisation_id IS NOT NULL
  MATCH (o:Organisation {id: row.organisation_id, workspace: $workspace})
  MERGE (p)-[w:WORKS_AT]->(o)
  SET w.title = p.title, w.department = p.department
}
CALL (p, row) {
  WITH p, row WHERE row.rank IS NOT NULL
  MATCH (l:StatusLevel {id: $workspace + ':org:' + toString(row.rank), workspace: $workspace})
  MERGE (p)-[a:AT_LEVEL]->(l)
  SET a.inferred = row.inferred
}
RETURN count(p) AS linked
