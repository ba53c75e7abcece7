// fragment person_edges_now(p, r)
MATCH ({{p}})-[{{r}}:INFLUENCES|KNOWS|REPORTS_TO]-(:Person)
{{ edge_row(r) }}
