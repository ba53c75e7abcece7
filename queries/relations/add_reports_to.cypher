// The line's kind ($line: solid or matrix) is decided by graph/rules/reporting.py.
MATCH (a:Person {id: $source_id, workspace: $workspace})
MATCH (b:Person {id: $target_id, workspace: $workspace})
MERGE (a)-[r:REPORTS_TO]->(b)
SET r.line = $line
RETURN a.id AS id
