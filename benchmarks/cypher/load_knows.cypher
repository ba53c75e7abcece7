LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Person {id: $prefix + row.source_id})
  MATCH (b:Person {id: $prefix + row.target_id})
  MERGE (a)-[r:KNOWS]->(b)
  SET r.strength = toFloat(row.strength), r.last_contact = date(row.last_contact)
} IN TRANSACTIONS OF 10000 ROWS
