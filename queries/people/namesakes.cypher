// The people working at $organisations, for the import's check of likely duplicates
// (graph/rules/integrity.py likely_same_person).
UNWIND $organisations AS id
MATCH (o:Organisation {id: id}) USING INDEX SEEK o:Organisation(id)
WHERE o.workspace = $workspace
MATCH (p:Person)-[:WORKS_AT]->(o)
RETURN p.id AS id, p.name AS name, p.email AS email, o.id AS organisation_id
