MATCH (d:Deal {workspace: $workspace})
WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $limit
OPTIONAL MATCH (p:Person {workspace: $workspace})-[m:IN_BUYING_CENTRE]->(d)
RETURN d.id AS anchor, d.id AS deal_id, p.id AS person_id, m.roles AS roles,
       m.stance AS stance, m.stage AS journey_stage, coalesce(m.motive, 'unknown') AS motive,
       coalesce(m.outcome, 'unknown') AS outcome, m.evidence AS evidence,
       m.aspiration AS aspiration
ORDER BY deal_id, person_id
