// fragment influence_edges(person, influenced)
// The influence graph's edges out of {{person}}, as rows ({{influenced}}, weight), by the rules of
// graph/analytics/workspace_graph.py: of repeated INFLUENCES the largest weight, none without a
// weight, none to themselves, a REPORTS_TO line makes the manager move the report by
// $reports_to_weight unless an INFLUENCES edge with a weight says how much. No row when none.
CALL ({{person}}) {
  MATCH ({{person}})-[r:INFLUENCES]->({{influenced}}:Person {workspace: $workspace})
  WHERE {{influenced}} <> {{person}} AND r.weight IS NOT NULL
  RETURN {{influenced}}, max(r.weight) AS weight
  UNION
  MATCH ({{person}})<-[:REPORTS_TO]-({{influenced}}:Person {workspace: $workspace})
  WHERE {{influenced}} <> {{person}}
    AND NOT EXISTS { ({{person}})-[i:INFLUENCES]->({{influenced}}) WHERE i.weight IS NOT NULL }
  RETURN DISTINCT {{influenced}}, $reports_to_weight AS weight
}
