UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
RETURN {{ person_now(p) }}
