LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (o:Organisation {id: $prefix + row.id})
  SET o.workspace = $workspace, o.name = row.name, o.kind = row.kind, o.industry = row.industry,
      o.employees = toInteger(row.employees), o.size_band = row.size_band,
      o.revenue_band = row.revenue_band, o.country = row.country, o.region = row.region,
      o.technologies = split(row.technologies, ';')
} IN TRANSACTIONS OF 10000 ROWS
