// The line's kind ($line: solid or matrix) is decided by graph/rules/reporting.py.
MATCH (a:Person {id: $source_id, workspace: $workspace})
MATCH (b:Person {id: $target_id, workspace: $workspace})
MERGE (a)-[r:REPORTS_TO]->(b)
SET r.line = $line
WITH a, b
{{ reporting_influence(b, a) }}
RETURN a.id AS id
