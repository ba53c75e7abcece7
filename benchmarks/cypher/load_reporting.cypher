LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Person {id: $prefix + row.person_id})
  MATCH (b:Person {id: $prefix + row.manager_id})
  MERGE (a)-[r:REPORTS_TO]->(b)
  SET r.line = row.line
} IN TRANSACTIONS OF 10000 ROWS
