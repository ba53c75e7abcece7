CALL { MATCH (n:Organisation {workspace: $workspace}) RETURN count(n) AS organisations }
CALL { MATCH (n:Person {workspace: $workspace}) RETURN count(n) AS people }
CALL { MATCH (n:Deal {workspace: $workspace}) RETURN count(n) AS deals }
CALL {
  MATCH (:Person {workspace: $workspace})-[r:REPORTS_TO]->(:Person) RETURN count(r) AS reporting
}
CALL {
  MATCH (:Person {workspace: $workspace})-[r:INFLUENCES]->(:Person) RETURN count(r) AS influences
}
CALL { MATCH (:Person {workspace: $workspace})-[r:KNOWS]->(:Person) RETURN count(r) AS knows }
CALL {
  MATCH (:Organisation {workspace: $workspace})-[r:PARTNERS_WITH]->(:Organisation)
  RETURN count(r) AS partnerships
}
CALL {
  MATCH (:Person {workspace: $workspace})-[r:IN_BUYING_CENTRE]->(:Deal)
  RETURN count(r) AS buying_centre
}
CALL {
  MATCH (:Person {workspace: $workspace})-[:HAD_STAGE]->(e:JourneyEvent)-[:IN_DEAL]->(:Deal)
  RETURN count(e) AS journey
}
RETURN organisations, people, deals, reporting, influences, knows, partnerships,
       buying_centre, journey
