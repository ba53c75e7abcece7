// The whole workspace's influence graph, reversed, as the GDS graph $graph, by a native
// projection (parallel, no row through Cypher): an edge from each person to each of their
// influencers (who moves them), weighted. The nodes are the people carrying the workspace's
// own label $label (graph/scopes/gds.py labels them before), so everyone of the workspace and
// no one else: an edge to anyone else is left out.
// INFLUENCES is read reversed, the largest weight of repeated ones, REPORTS_TO as stored
// (report -> manager) with $reports_to_weight unless the line's stored `influence_weight`
// (queries/fragments/reporting_influence.cypher) is 0.0: beside an INFLUENCES edge with a
// weight, the line adds nothing. An INFLUENCES edge without a weight gets 0.0. PageRank sums
// both types, and an edge of weight 0.0 moves nothing: the rank is the design's.
// `counts` tells the design's edges (an INFLUENCES edge with a weight: not -1.0, a line that
// adds its weight: 1.0), for brokerage, which counts shortest paths and so every edge
// (queries/gds/brokerage.cypher filters on it).
CALL gds.graph.project($graph, $label, {
  INFLUENCED_BY: {
    type: 'INFLUENCES', orientation: 'REVERSE',
    properties: {
      weight: {property: 'weight', defaultValue: 0.0, aggregation: 'MAX'},
      counts: {property: 'weight', defaultValue: -1.0, aggregation: 'MAX'}
    }
  },
  MANAGED_BY: {
    type: 'REPORTS_TO', orientation: 'NATURAL',
    properties: {
      weight: {property: 'influence_weight', defaultValue: $reports_to_weight, aggregation: 'MAX'},
      counts: {property: 'influence_weight', defaultValue: 1.0, aggregation: 'MAX'}
    }
  }
})
YIELD graphName, nodeCount, relationshipCount
RETURN graphName AS graph, nodeCount AS nodes, relationshipCount AS edges
