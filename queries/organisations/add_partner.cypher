MATCH (a:Organisation {id: $source_id, workspace: $workspace})
MATCH (b:Organisation {id: $target_id, workspace: $workspace})
WHERE NOT EXISTS { (b)-[:PARTNERS_WITH]->(a) }
MERGE (a)-[:PARTNERS_WITH]->(b)
RETURN a.id AS id
