CALL () {
  WITH $deal_id AS deal_id WHERE deal_id IS NULL
  MATCH (a:Person {workspace: $workspace})-[r:INFLUENCES]->(b:Person)
  WHERE size(coalesce(r.report_weight, [])) > 1
  RETURN a, r, b
  UNION
  // A deal's: the ties that move one of its buying centre.
  MATCH (d:Deal {id: $deal_id}) USING INDEX SEEK d:Deal(id)
  WHERE d.workspace = $workspace
  MATCH (a:Person)-[r:INFLUENCES]->(b:Person)-[:IN_BUYING_CENTRE]->(d)
  WHERE size(coalesce(r.report_weight, [])) > 1
  RETURN a, r, b
}
RETURN a.id AS source, a.name AS source_name, b.id AS target, b.name AS target_name,
       r {.*} AS edge
ORDER BY source, target
