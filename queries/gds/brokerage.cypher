// Brokerage as the property `brokerage` of $hops: the projection $graph filtered to the design's
// edges (queries/gds/project.cypher: no edge of weight 0.0 that the Python engine's graph does
// not have, which would add shortest paths), then exact betweenness on hop counts (no weight),
// every person a source. GDS's sampled variant is not used (graph/scopes/gds.py says why).
CALL gds.graph.filter(
  $hops, $graph, '*',
  '(r:INFLUENCED_BY AND r.counts >= 0.0) OR (r:MANAGED_BY AND r.counts > 0.0)'
)
YIELD graphName
CALL gds.betweenness.mutate(graphName, {mutateProperty: 'brokerage'})
YIELD nodePropertiesWritten
RETURN nodePropertiesWritten AS people
