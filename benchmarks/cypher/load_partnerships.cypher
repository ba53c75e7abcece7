LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Organisation {id: $prefix + row.organisation_id})
  MATCH (b:Organisation {id: $prefix + row.partner_id})
  MERGE (a)-[:PARTNERS_WITH]->(b)
} IN TRANSACTIONS OF 10000 ROWS
