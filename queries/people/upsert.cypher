UNWIND $rows AS row
MERGE (p:Person {id: row.id})
ON CREATE SET p.workspace = $workspace
WITH p, row
WHERE p.workspace = $workspace
SET p += row.props
WITH p, row
CALL (p, row) {
  WITH p, row WHERE row.set_organisation
  OPTIONAL MATCH (p)-[old:WORKS_AT]->(:Organisation)
  DELETE old
}
CALL (p, row) {
  WITH p, row WHERE row.organisation_id IS NOT NULL
  MATCH (o:Organisation {id: row.organisation_id, workspace: $workspace})
  MERGE (p)-[w:WORKS_AT]->(o)
  SET w.title = p.title, w.department = p.department
}
CALL (p, row) {
  WITH p, row
  WHERE row.rank IS NOT NULL
    AND (NOT row.inferred
         OR NOT EXISTS { (p)-[:AT_LEVEL {inferred: false}]->(:StatusLevel {ladder: $workspace + ':org'}) })
  MATCH (l:StatusLevel {id: $workspace + ':org:' + toString(row.rank), workspace: $workspace})
  OPTIONAL MATCH (p)-[old:AT_LEVEL]->(:StatusLevel {ladder: $workspace + ':org'})
  DELETE old
  WITH DISTINCT p, l, row
  MERGE (p)-[a:AT_LEVEL]->(l)
  SET a.inferred = row.inferred
}
RETURN count(p) AS written
