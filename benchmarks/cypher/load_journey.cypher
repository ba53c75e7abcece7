LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (p:Person {id: $prefix + row.person_id})
  MATCH (d:Deal {id: $prefix + row.deal_id})
  MERGE (e:JourneyEvent {id: $prefix + row.deal_id + ':' + row.person_id + ':' + row.stage + ':' + row.at})
  SET e.workspace = $workspace, e.stage = row.stage, e.at = datetime(row.at), e.note = row.note
  MERGE (p)-[:HAD_STAGE]->(e)
  MERGE (e)-[:IN_DEAL]->(d)
} IN TRANSACTIONS OF 10000 ROWS
