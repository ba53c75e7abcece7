UNWIND $rows AS row
MATCH (a:Organisation {id: row[0]}) USING INDEX SEEK a:Organisation(id)
WHERE a.workspace = $workspace
MATCH (b:Organisation {id: row[1]}) USING INDEX SEEK b:Organisation(id)
WHERE b.workspace = $workspace
MERGE (a)-[r:PARTNERS_WITH]->(b)
RETURN count(r) AS written
