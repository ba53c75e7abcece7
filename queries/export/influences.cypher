MATCH (a:Person {workspace: $workspace})
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r:INFLUENCES]->(b:Person)
// One row per report (graph/rules/consensus.py), one row for an edge without reports.
UNWIND CASE WHEN r IS NULL OR r.report_weight IS NULL THEN [-1]
            ELSE range(0, size(r.report_weight) - 1) END AS i
RETURN a.id AS anchor, a.id AS source_id, b.id AS target_id,
       CASE WHEN i < 0 THEN r.weight ELSE r.report_weight[i] END AS weight,
       CASE WHEN i < 0 OR r.report_kind[i] = '' THEN r.kind ELSE r.report_kind[i] END AS kind,
       r.evidence AS evidence,
       CASE WHEN i < 0 OR r.report_basis[i] = '' THEN r.basis ELSE r.report_basis[i] END AS basis,
       CASE WHEN i < 0 OR r.report_by[i] = '' THEN null ELSE r.report_by[i] END AS reported_by
ORDER BY source_id, target_id, reported_by
