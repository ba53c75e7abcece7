UNWIND $rows AS row
MATCH (a:Person {id: row.source_id, workspace: $workspace})
MATCH (b:Person {id: row.target_id, workspace: $workspace})
MERGE (a)-[r:INFLUENCES]->(b)
SET r.weight = row.weight, r.kind = row.kind, r.evidence = row.evidence,
    r.since = row.since, r.until = row.until
RETURN count(r) AS written
