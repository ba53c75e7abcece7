// What influence rank on the workspace's projection would take, before it is made: its people,
// an upper bound of its edges (each person's INFLUENCES out and REPORTS_TO in, from the degree
// counts, no relationship read), GDS's estimate of the projected graph and PageRank on it (bytes,
// and percent of the server's largest heap), and what the graphs in the GDS catalog hold.
MATCH (p:Person {workspace: $workspace})
WITH count(p) AS people,
     sum(COUNT { (p)-[:INFLUENCES]->() } + COUNT { (p)<-[:REPORTS_TO]-() }) AS edges
CALL gds.pageRank.mutate.estimate(
  {nodeCount: people, relationshipCount: edges, nodeProjection: '*',
   relationshipProjection: {INFLUENCED_BY: {type: '*', properties: 'weight'}}},
  {mutateProperty: 'rank', relationshipWeightProperty: 'weight'}
) YIELD bytesMax, heapPercentageMax
CALL gds.memory.summary() YIELD totalGraphsMemory
RETURN people, edges, bytesMax AS bytes, heapPercentageMax AS percent,
       sum(totalGraphsMemory) AS held
