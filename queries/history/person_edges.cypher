UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
{{ person_edges_now(p, r) }}
RETURN type, source, target, props
