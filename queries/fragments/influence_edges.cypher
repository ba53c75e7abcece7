// fragment influence_edges(person, influenced)
// The influence graph's edges out of {{person}}, as rows ({{person}}, {{influenced}}, weight), by
// the rules of graph/analytics/workspace_graph.py: of repeated INFLUENCES the largest weight, none
// without a weight, none to themselves, a REPORTS_TO line makes the manager move the report by
// $reports_to_weight unless an INFLUENCES edge with a weight says how much. One row with
// {{influenced}} null when there is none. Only {{person}} stays in scope.
// Each type is expanded in its own direction only, and the look for an INFLUENCES edge is made
// only beside a REPORTS_TO line, between two people already found: on 100,000 people this
// projects 1.4 to 2 times as fast as one expand over both types in both directions with a test
// on each row (benchmarks/RESULTS-gds.md, "The projection").
OPTIONAL CALL ({{person}}) {
  MATCH ({{person}})-[r:INFLUENCES]->({{influenced}}:Person {workspace: $workspace})
  WHERE {{influenced}} <> {{person}} AND r.weight IS NOT NULL
  RETURN {{influenced}}, max(r.weight) AS weight
  UNION
  MATCH ({{person}})<-[:REPORTS_TO]-({{influenced}}:Person {workspace: $workspace})
  WHERE {{influenced}} <> {{person}}
    AND NOT EXISTS { ({{person}})-[i:INFLUENCES]->({{influenced}}) WHERE i.weight IS NOT NULL }
  RETURN {{influenced}}, $reports_to_weight AS weight
}
