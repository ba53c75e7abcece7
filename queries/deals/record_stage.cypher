MATCH (p:Person {id: $person_id, workspace: $workspace})-[m:IN_BUYING_CENTRE]->(d:Deal {id: $deal_id, workspace: $workspace})
CREATE (p)-[:HAD_STAGE]->(e:JourneyEvent {id: $id, workspace: $workspace, stage: $stage, at: $at, note: $note})-[:IN_DEAL]->(d)
WITH p, m, d
CALL (p, d) {
  MATCH (p)-[:HAD_STAGE]->(x:JourneyEvent)-[:IN_DEAL]->(d)
  RETURN x.stage AS latest
  ORDER BY x.at DESC, x.id DESC
  LIMIT 1
}
SET m.stage = latest
RETURN m {.*} AS member
