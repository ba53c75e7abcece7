UNWIND $pairs AS pair
MATCH (:Person {id: pair.person_id, workspace: $workspace})-[:HAD_STAGE]->(e:JourneyEvent)-[:IN_DEAL]->(:Deal {id: pair.deal_id, workspace: $workspace})
RETURN pair.deal_id AS deal_id, pair.person_id AS person_id, e {.stage, .at, .note} AS event
ORDER BY e.at, e.id
