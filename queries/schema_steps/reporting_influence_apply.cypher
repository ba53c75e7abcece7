// One batch of the lines found by schema_steps/reporting_influence_pending gets the REPORTS_TO
// rule's outcome. Safe to repeat.
UNWIND $ids AS id
MATCH (report)-[r:REPORTS_TO]->(manager)
WHERE elementId(r) = id
WITH DISTINCT report, manager
{{ reporting_influence(manager, report) }}
