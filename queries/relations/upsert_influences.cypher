UNWIND $rows AS row
MATCH (a:Person {id: row[0]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (b:Person {id: row[1]}) USING INDEX SEEK b:Person(id)
WHERE b.workspace = $workspace
MERGE (a)-[r:INFLUENCES]->(b)
// One report per observer (graph/rules/consensus.py): the person named, else the user. A
// report the observer repeats unchanged keeps its moment, so an import run twice changes nothing.
WITH a, b, r, row, coalesce(row[8], '') AS by, coalesce(row[3], '') AS kind,
     coalesce(row[7], '') AS basis, range(0, size(coalesce(r.report_weight, [])) - 1) AS idx
WITH a, b, r, row, by, kind, basis,
     [i IN idx WHERE r.report_by[i] = by AND (by <> '' OR r.report_user[i] = $user)] AS mine,
     [i IN idx WHERE NOT (r.report_by[i] = by AND (by <> '' OR r.report_user[i] = $user))] AS keep
WITH a, b, r, row, by, kind, basis, keep,
     size(mine) = 1 AND r.report_weight[mine[0]] = row[2] AND r.report_kind[mine[0]] = kind
       AND r.report_basis[mine[0]] = basis AS unchanged
SET r.kind = row[3], r.evidence = row[4], r.since = row[5], r.until = row[6], r.basis = row[7],
    r.report_by = CASE WHEN unchanged THEN r.report_by ELSE [i IN keep | r.report_by[i]] + by END,
    r.report_user = CASE WHEN unchanged THEN r.report_user
                    ELSE [i IN keep | r.report_user[i]] + $user END,
    r.report_weight = CASE WHEN unchanged THEN r.report_weight
                      ELSE [i IN keep | r.report_weight[i]] + row[2] END,
    r.report_kind = CASE WHEN unchanged THEN r.report_kind
                    ELSE [i IN keep | r.report_kind[i]] + kind END,
    r.report_basis = CASE WHEN unchanged THEN r.report_basis
                     ELSE [i IN keep | r.report_basis[i]] + basis END,
    r.report_at = CASE WHEN unchanged THEN r.report_at ELSE [i IN keep | r.report_at[i]] + $at END,
    r.weight = CASE WHEN size(keep) = 0 THEN row[2] ELSE r.weight END
WITH a, b, r, size(keep) > 0 AS shared
{{ reporting_influence(a, b) }}
RETURN count(r) AS written, collect(DISTINCT CASE WHEN shared THEN [a.id, b.id] END) AS shared
