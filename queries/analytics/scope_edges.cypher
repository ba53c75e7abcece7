UNWIND $ids AS id
MATCH (a:Person {id: id, workspace: $workspace})
CALL (a) {
  MATCH (a)-[r:INFLUENCES]->(b:Person {workspace: $workspace})
  WHERE b.id IN $ids
  RETURN collect({source: a.id, target: b.id, weight: r.weight, kind: r.kind}) AS influences
}
CALL (a) {
  MATCH (a)-[:REPORTS_TO]->(b:Person {workspace: $workspace})
  WHERE b.id IN $ids
  RETURN collect({report: a.id, manager: b.id}) AS reports_to
}
CALL (a) {
  MATCH (a)-[r:KNOWS]->(b:Person {workspace: $workspace})
  WHERE b.id IN $ids
  RETURN collect({source: a.id, target: b.id, strength: r.strength}) AS knows
}
RETURN influences, reports_to, knows
