RETURN EXISTS { MATCH (:Deal {id: $deal_id, workspace: $workspace}) } AS deal_exists,
       EXISTS { MATCH (:Person {id: $person_id, workspace: $workspace}) } AS person_exists,
       EXISTS { MATCH (:Person {id: $person_id, workspace: $workspace})-[:IN_BUYING_CENTRE]->(:Deal {id: $deal_id, workspace: $workspace}) } AS is_member
