UNWIND $rows AS row
MATCH (p:Person {id: row.id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
CALL (p, row) {
  WITH p, row WHERE row.organisation_id IS NOT NULL
  MATCH (o:Organisation {id: row.organisation_id}) USING INDEX SEEK o:Organisation(id)
  WHERE o.workspace = $workspace
  MERGE (p)-[w:WORKS_AT]->(o)
  SET w.title = p.title, w.department = p.department
}
CALL (p, row) {
  WITH p, row WHERE row.rank IS NOT NULL
  MATCH (l:StatusLevel {id: $workspace + ':org:' + toString(row.rank)}) USING INDEX SEEK l:StatusLevel(id)
  WHERE l.workspace = $workspace
  MERGE (p)-[a:AT_LEVEL]->(l)
  SET a.inferred = row.inferred
}
RETURN count(p) AS linked
