// The whole workspace's influence graph, reversed, as the GDS graph $graph: an edge from each
// person to each of their influencers (who moves them), weighted. Everyone of the workspace is
// a node, also those with no edge at all (a row without an edge), and only they. Nodes go to
// GDS as nodes (their internal ids), with no property: the answer is read back by id.
MATCH (p:Person {workspace: $workspace})
{{ influence_edges(p, b) }}
WITH gds.graph.project(
  $graph, coalesce(b, p), CASE WHEN b IS NULL THEN null ELSE p END,
  {relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: weight} END}
) AS g
RETURN g.graphName AS graph, g.nodeCount AS nodes, g.relationshipCount AS edges
