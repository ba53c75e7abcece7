// For the model's rules on who may know whom and hold buying-centre roles
// (graph/rules/integrity.py): where people work, which organisation deals are for, and the kind
// of organisations, each as [id, ...] lists. Ids not in the workspace are left out.
CALL () {
  UNWIND $people AS id
  MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
  WHERE p.workspace = $workspace
  OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation)
  RETURN collect([p.id, o.id, o.kind]) AS people
}
CALL () {
  UNWIND $deals AS id
  MATCH (d:Deal {id: id}) USING INDEX SEEK d:Deal(id)
  WHERE d.workspace = $workspace
  OPTIONAL MATCH (d)-[:FOR]->(o:Organisation)
  RETURN collect([d.id, o.id]) AS deals
}
CALL () {
  UNWIND $organisations AS id
  MATCH (o:Organisation {id: id}) USING INDEX SEEK o:Organisation(id)
  WHERE o.workspace = $workspace
  RETURN collect([o.id, o.kind]) AS organisations
}
RETURN people, deals, organisations
