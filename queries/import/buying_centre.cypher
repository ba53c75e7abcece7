UNWIND $rows AS row
MATCH (p:Person {id: row.person_id, workspace: $workspace})
MATCH (d:Deal {id: row.deal_id, workspace: $workspace})
MERGE (p)-[m:IN_BUYING_CENTRE]->(d)
SET m.roles = row.roles, m.stance = row.stance, m.stage = row.stage
RETURN count(m) AS written
