MATCH (p:Person {id: $person_id, workspace: $workspace})
MATCH (d:Deal {id: $deal_id, workspace: $workspace})
MERGE (p)-[m:IN_BUYING_CENTRE]->(d)
SET m.roles = $roles, m.stance = $stance
RETURN m {.*} AS member
