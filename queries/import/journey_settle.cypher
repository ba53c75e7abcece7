UNWIND $rows AS row
MATCH (d:Deal {id: row[0]}) USING INDEX SEEK d:Deal(id)
WHERE d.workspace = $workspace
MATCH (p:Person {id: row[1]}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
MATCH (p)-[m:IN_BUYING_CENTRE]->(d)
WITH DISTINCT p, d, m
CALL (p, d) {
  MATCH (p)-[:HAD_STAGE]->(x:JourneyEvent)-[:IN_DEAL]->(d)
  RETURN x.stage AS latest
  ORDER BY x.at DESC, x.id DESC
  LIMIT 1
}
SET m.stage = latest
RETURN count(m) AS settled
