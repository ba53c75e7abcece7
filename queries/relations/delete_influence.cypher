OPTIONAL MATCH (a:Person {id: $source_id, workspace: $workspace})-[r:INFLUENCES]->(b:Person {id: $target_id, workspace: $workspace})
DELETE r
WITH a, b, count(r) AS deleted
{{ reporting_influence(a, b) }}
RETURN deleted
