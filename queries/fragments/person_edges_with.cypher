// fragment person_edges_with(p, r, others)
// The edges of p, as they are now, whose other end is one of the ids in others.
MATCH ({{p}})-[{{r}}:INFLUENCES|KNOWS|REPORTS_TO]-(other:Person)
WHERE other.id IN {{others}}
{{ edge_row(r) }}
