LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (d:Deal {id: $prefix + row.id})
  SET d.workspace = $workspace, d.name = row.name, d.amount = toInteger(row.amount),
      d.close_date = date(row.close_date)
  WITH d, row
  MATCH (o:Organisation {id: $prefix + row.organisation_id})
  MERGE (d)-[:FOR]->(o)
} IN TRANSACTIONS OF 10000 ROWS
