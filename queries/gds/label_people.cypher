// Up to $batch people of the workspace without the workspace's own label $label get it (the
// nodes of its native projection, queries/gds/project.cypher), and answers how many did. Run until
// fewer than $batch: a person is labelled once, later passes only read. The label is made known
// first (db.createLabel: a token, no data), so a workspace with no one yet projects as empty
// rather than failing on a label no node carries.
CALL db.createLabel($label)
WITH *
MATCH (p:Person {workspace: $workspace})
WHERE NOT $label IN labels(p)
WITH p LIMIT $batch
SET p:$($label)
RETURN count(p) AS labelled
