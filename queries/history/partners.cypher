UNWIND $pairs AS pair
MATCH (a:Organisation {id: pair[0]}) USING INDEX SEEK a:Organisation(id)
WHERE a.workspace = $workspace
MATCH (a)-[:PARTNERS_WITH]-(b:Organisation {id: pair[1]})
RETURN DISTINCT a.id AS source, b.id AS target
