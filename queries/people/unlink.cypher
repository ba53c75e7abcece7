UNWIND $rows AS row
MATCH (p:Person {id: row.id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
CALL (p, row) {
  WITH p, row WHERE row.set_organisation
  MATCH (p)-[old:WORKS_AT]->(o:Organisation)
  WHERE o.id <> coalesce(row.organisation_id, '')
  DELETE old
}
WITH p, row,
  row.rank IS NOT NULL AND row.inferred
  AND EXISTS { (p)-[:AT_LEVEL {inferred: false}]->(:StatusLevel {ladder: $workspace + ':org'}) } AS explicit_kept
CALL (p, row, explicit_kept) {
  WITH p, row WHERE row.rank IS NOT NULL AND NOT explicit_kept
  MATCH (p)-[old:AT_LEVEL]->(x)
  WHERE x.ladder = $workspace + ':org' AND x.rank <> row.rank
  DELETE old
}
RETURN collect(CASE WHEN explicit_kept THEN p.id END) AS kept
