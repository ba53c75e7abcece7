LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Person {id: $prefix + row.person_id})
  MATCH (d:Deal {id: $prefix + row.deal_id})
  MERGE (p)-[m:IN_BUYING_CENTRE]->(d)
  SET m.roles = split(row.roles, ';'), m.stance = row.stance, m.stage = row.journey_stage
} IN TRANSACTIONS OF 10000 ROWS
