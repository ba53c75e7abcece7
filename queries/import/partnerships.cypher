UNWIND $rows AS row
MATCH (a:Organisation {id: row.source_id, workspace: $workspace})
MATCH (b:Organisation {id: row.target_id, workspace: $workspace})
MERGE (a)-[r:PARTNERS_WITH]->(b)
RETURN count(r) AS written
