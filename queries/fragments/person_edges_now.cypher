// fragment person_edges_now(p, r)
MATCH ({{p}})-[{{r}}:INFLUENCES|KNOWS|REPORTS_TO]-(:Person)
WITH DISTINCT {{r}}
WITH type({{r}}) AS type, startNode({{r}}).id AS source, endNode({{r}}).id AS target,
     {{r}} {.*} AS props
