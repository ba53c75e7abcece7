// Influence rank as the property `rank` of the projection: weighted PageRank on the reversed
// graph, scaled to sum 1 (graph/scopes/gds.py says why that equals the Python engine's).
CALL gds.pageRank.mutate($graph, {
  mutateProperty: 'rank',
  relationshipWeightProperty: 'weight',
  dampingFactor: $alpha,
  tolerance: $tolerance,
  maxIterations: $max_iterations,
  scaler: 'L1Norm'
})
YIELD didConverge, ranIterations
RETURN didConverge AS converged, ranIterations AS iterations
