// The whole workspace's influence graph, reversed, as the GDS graph $graph: an edge from each
// person to each of their influencers (who moves them), with the rules of the influence graph
// (graph/analytics/workspace_graph.py): of repeated INFLUENCES the largest weight, none without
// a weight, none from a person to themselves; a REPORTS_TO line counts as the manager moving
// the report by $reports_to_weight unless an INFLUENCES edge says how much. Everyone of the
// workspace is a node, also those with no edge (the null row), and only they.
MATCH (p:Person {workspace: $workspace})
CALL (p) {
  MATCH (p)<-[r:INFLUENCES]-(a:Person {workspace: $workspace})
  WHERE a <> p AND r.weight IS NOT NULL
  RETURN a AS influencer, max(r.weight) AS weight
  UNION
  MATCH (p)-[:REPORTS_TO]->(m:Person {workspace: $workspace})
  WHERE m <> p AND NOT EXISTS { (m)-[i:INFLUENCES]->(p) WHERE i.weight IS NOT NULL }
  RETURN DISTINCT m AS influencer, $reports_to_weight AS weight
  UNION
  RETURN null AS influencer, null AS weight
}
WITH gds.graph.project(
  $graph, p, influencer,
  {relationshipProperties: CASE WHEN influencer IS NULL THEN null ELSE {weight: weight} END}
) AS g
RETURN g.graphName AS graph, g.nodeCount AS nodes, g.relationshipCount AS edges
