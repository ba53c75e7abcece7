LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (p:Person {id: $prefix + row.id})
  SET p.workspace = $workspace, p.name = row.first_name + ' ' + row.last_name,
      p.first_name = row.first_name, p.last_name = row.last_name, p.title = row.title,
      p.department = row.department, p.email = row.email,
      p.needs = split(row.needs, ';'), p.tags = split(row.tags, ';')
  WITH p, row
  MATCH (o:Organisation {id: $prefix + row.organisation_id})
  MERGE (p)-[w:WORKS_AT]->(o)
  SET w.title = row.title, w.department = row.department
  WITH p, row
  MATCH (l:StatusLevel {id: $workspace + ':org:' + row.level})
  MERGE (p)-[a:AT_LEVEL]->(l)
  SET a.inferred = false
} IN TRANSACTIONS OF 10000 ROWS
