LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (o:Organisation {id: $prefix + row.id})
  SET o.workspace = $workspace, o.name = row.name, o.kind = row.kind, o.industry = row.industry,
      o.country = row.country, o.region = row.region
} IN TRANSACTIONS OF 10000 ROWS
