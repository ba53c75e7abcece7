UNWIND $ids AS id
MATCH (p:Person {id: id, workspace: $workspace})
RETURN p.id AS id,
       [(p)-[:IN_BUYING_CENTRE]->(d:Deal {workspace: $workspace}) | d.id] AS deals,
       EXISTS { (p)-[:KNOWS]->(:Person {workspace: $workspace}) } AS knows
