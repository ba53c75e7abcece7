// A person's managers and the kind of each line (null when stored before lines had one), for
// the rule that decides the kind of the next (graph/rules/reporting.py).
MATCH (:Person {id: $person_id, workspace: $workspace})-[r:REPORTS_TO]->(m:Person)
RETURN m.id AS manager_id, r.line AS line
