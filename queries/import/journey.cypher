UNWIND $rows AS row
MATCH (d:Deal {id: row[0]}) USING INDEX SEEK d:Deal(id)
WHERE d.workspace = $workspace
MATCH (p:Person {id: row[1]}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
MATCH (p)-[:IN_BUYING_CENTRE]->(d)
CALL (p, d, row) {
  OPTIONAL MATCH (p)-[:HAD_STAGE]->(x:JourneyEvent {stage: row[2], at: row[3]})-[:IN_DEAL]->(d)
  RETURN min(x.id) AS stored
}
MERGE (e:JourneyEvent {id: coalesce(stored, row[5])})
ON CREATE SET e.workspace = $workspace
SET e.stage = row[2], e.at = row[3], e.note = row[4]
MERGE (p)-[:HAD_STAGE]->(e)
MERGE (e)-[:IN_DEAL]->(d)
RETURN count(e) AS written
