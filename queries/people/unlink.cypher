UNWIND $rows AS row
MATCH (p:Person {id: row.id, workspace: $workspace})
CALL (p, row) {
  WITH p, row WHERE row.set_organisation
  MATCH (p)-[old:WORKS_AT]->(o:Organisation {workspace: $workspace})
  WHERE o.id <> coalesce(row.organisation_id, '')
  DELETE old
}
WITH p, row,
  row.rank IS NOT NULL AND row.inferred
  AND EXISTS { (p)-[:AT_LEVEL {inferred: false}]->(:StatusLevel {ladder: $workspace + ':org', workspace: $workspace}) } AS explicit_kept
CALL (p, row, explicit_kept) {
  WITH p, row WHERE row.rank IS NOT NULL AND NOT explicit_kept
  MATCH (p)-[old:AT_LEVEL]->(x:StatusLevel {ladder: $workspace + ':org', workspace: $workspace})
  WHERE x.rank <> row.rank
  DELETE old
}
RETURN collect(CASE WHEN explicit_kept THEN p.id END) AS kept
