MATCH (p:Person {workspace: $workspace})-[m:IN_BUYING_CENTRE]->(d:Deal)
RETURN d.id AS deal_id, p.id AS person_id, m.roles AS roles, m.stance AS stance,
       m.stage AS journey_stage
ORDER BY deal_id, person_id
