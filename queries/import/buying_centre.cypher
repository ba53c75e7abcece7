UNWIND $rows AS row
MATCH (d:Deal {id: row[0]}) USING INDEX SEEK d:Deal(id)
WHERE d.workspace = $workspace
MATCH (p:Person {id: row[1]}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
MERGE (p)-[m:IN_BUYING_CENTRE]->(d)
SET m.roles = row[2], m.stance = row[3], m.stage = row[4],
    m.motive = row[5], m.outcome = row[6], m.evidence = row[7], m.aspiration = row[8]
RETURN count(m) AS written
