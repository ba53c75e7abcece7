MATCH (p:Person {id: $person_id, workspace: $workspace})
MATCH (d:Deal {id: $deal_id, workspace: $workspace})
MERGE (p)-[m:IN_BUYING_CENTRE]->(d)
SET m.roles = $roles,
    m.stance = CASE WHEN 'stance' IN $given THEN coalesce($stance, 'unknown')
                    ELSE coalesce(m.stance, 'unknown') END,
    m.motive = CASE WHEN 'motive' IN $given THEN coalesce($motive, 'unknown')
                    ELSE coalesce(m.motive, 'unknown') END,
    m.outcome = CASE WHEN 'outcome' IN $given THEN coalesce($outcome, 'unknown')
                     ELSE coalesce(m.outcome, 'unknown') END,
    m.evidence = CASE WHEN 'evidence' IN $given THEN $evidence ELSE m.evidence END,
    m.aspiration = CASE WHEN 'aspiration' IN $given THEN $aspiration ELSE m.aspiration END
RETURN m {.*} AS member
