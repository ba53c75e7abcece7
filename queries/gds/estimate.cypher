// What influence rank on the workspace's projection would take, before it is made: its people,
// an upper bound of its edges (each person's INFLUENCES out and REPORTS_TO in, from the degree
// counts, no relationship read), GDS's estimate of the projected graph and PageRank on it (bytes,
// and the server's largest heap), and what the graphs in the GDS catalog hold.
MATCH (p:Person {workspace: $workspace})
WITH count(p) AS people,
     sum(COUNT { (p)-[:INFLUENCES]->() } + COUNT { (p)<-[:REPORTS_TO]-() }) AS edges
CALL gds.pageRank.mutate.estimate(
  {nodeCount: people, relationshipCount: edges, nodeProjection: '*',
   relationshipProjection: {INFLUENCED_BY: {type: '*', properties: 'weight'}}},
  {mutateProperty: 'rank', relationshipWeightProperty: 'weight'}
) YIELD bytesMax, heapPercentageMax
// The server's heap, from the same estimate of a graph far larger than the heap: GDS gives its
// share to a tenth of a percent, so only a large share tells the heap precisely (no procedure
// for it is on every server: gds.debug.sysInfo is not on AuraDS).
CALL gds.pageRank.mutate.estimate(
  {nodeCount: 100000000, relationshipCount: 1000000000, nodeProjection: '*',
   relationshipProjection: {INFLUENCED_BY: {type: '*', properties: 'weight'}}},
  {mutateProperty: 'rank', relationshipWeightProperty: 'weight'}
) YIELD bytesMax AS referenceBytes, heapPercentageMax AS referencePercent
CALL gds.memory.summary() YIELD totalGraphsMemory
RETURN people, edges, bytesMax AS bytes, heapPercentageMax AS percent,
       referenceBytes * 100.0 / referencePercent AS heap, sum(totalGraphsMemory) AS held
