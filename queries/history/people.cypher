// People by id ($ids), and everyone reporting to the people of $below down the reporting tree
// (the org-chart cap may lower their inferred levels): one read for both.
CALL () {
  UNWIND $ids AS id
  MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
  WHERE p.workspace = $workspace
  RETURN p
  UNION
  UNWIND $below AS id
  MATCH (top:Person {id: id}) USING INDEX SEEK top:Person(id)
  WHERE top.workspace = $workspace
  MATCH (p:Person)-[:REPORTS_TO*1..]->(top)
  RETURN p
}
RETURN {{ person_now(p) }}
