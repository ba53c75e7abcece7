// Brokerage as the property `brokerage` of the projection: exact betweenness on hop counts (no
// weight), every person a source. GDS's sampled variant is not used (graph/scopes/gds.py says why).
CALL gds.betweenness.mutate($graph, {mutateProperty: 'brokerage'})
YIELD nodePropertiesWritten
RETURN nodePropertiesWritten AS people
