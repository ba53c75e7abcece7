// fragment influence_edges(person, influenced)
// The influence graph's edges out of {{person}}, as rows ({{person}}, {{influenced}}, weight), by
// the rules of graph/analytics/workspace_graph.py: of repeated INFLUENCES the largest weight, none
// without a weight, none to themselves, a REPORTS_TO line makes the manager move the report by
// $reports_to_weight unless an INFLUENCES edge with a weight says how much. One row with
// {{influenced}} null when there is none. Only {{person}} stays in scope.
// One expand over both types per person (no subquery, no second look for an INFLUENCES edge
// beside a REPORTS_TO line): a whole workspace's edges are read once, which is what makes the
// GDS projection (queries/gds/project.cypher) fast.
OPTIONAL MATCH ({{person}})-[r:INFLUENCES|REPORTS_TO]-({{influenced}}:Person {workspace: $workspace})
  WHERE {{influenced}} <> {{person}}
    AND CASE type(r)
          WHEN 'INFLUENCES' THEN startNode(r) = {{person}} AND r.weight IS NOT NULL
          ELSE endNode(r) = {{person}}
        END
WITH {{person}}, {{influenced}},
     coalesce(max(CASE type(r) WHEN 'INFLUENCES' THEN r.weight END), $reports_to_weight) AS weight
