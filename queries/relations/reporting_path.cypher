// The shortest chain of managers from $manager_id up to $person_id: the cycle that the line
// person -> manager would close (no row when it closes none).
MATCH (m:Person {id: $manager_id, workspace: $workspace})
MATCH (p:Person {id: $person_id, workspace: $workspace})
MATCH path = shortestPath((m)-[:REPORTS_TO*]->(p))
RETURN [n IN nodes(path) | n.id] AS ids
