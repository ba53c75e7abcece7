// fragment reporting_influence(manager, report)
// The design's REPORTS_TO rule, stored where a native projection reads it: each line
// ({{report}})-[:REPORTS_TO]->({{manager}}) carries `influence_weight` 0.0 when it adds no influence
// (an INFLUENCES edge with a weight from the manager to the report says how much, or the line
// is a person's own), and no `influence_weight` when it adds the configured weight, which the
// projection (queries/gds/project.cypher) applies as the missing value's default, so a change of
// the setting needs no rewrite. Every statement that writes INFLUENCES or REPORTS_TO between
// two people ends with this, for the pair it wrote, and schema_steps/reporting_influence_apply
// sets it on lines stored before. Only {{manager}} and {{report}} are read, nothing is returned.
CALL ({{manager}}, {{report}}) {
  MATCH ({{report}})-[line:REPORTS_TO]->({{manager}})
  SET line.influence_weight =
    CASE
      WHEN {{report}} = {{manager}}
        OR EXISTS { ({{manager}})-[i:INFLUENCES]->({{report}}) WHERE i.weight IS NOT NULL }
      THEN 0.0
    END
}
