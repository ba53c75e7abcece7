MATCH (a:Person {id: $source_id, workspace: $workspace})
MATCH (b:Person {id: $target_id, workspace: $workspace})
MERGE (a)-[:REPORTS_TO]->(b)
RETURN a.id AS id
