LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Person {id: $prefix + row.source_id})
  MATCH (b:Person {id: $prefix + row.target_id})
  MERGE (a)-[r:INFLUENCES]->(b)
  SET r.weight = toFloat(row.weight), r.kind = row.kind, r.evidence = row.evidence
} IN TRANSACTIONS OF 10000 ROWS
