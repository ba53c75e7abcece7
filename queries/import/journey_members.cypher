UNWIND $pairs AS pair
MATCH (d:Deal {id: pair[0]}) USING INDEX SEEK d:Deal(id)
WHERE d.workspace = $workspace
MATCH (p:Person {id: pair[1]}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace AND (p)-[:IN_BUYING_CENTRE]->(d)
RETURN d.id AS deal_id, p.id AS person_id
