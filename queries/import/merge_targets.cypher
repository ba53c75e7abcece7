// The stored values of the people an import merges rows into (graph/imports/validate.py): what
// a merge may fill, what it reports as differing, and where they work.
UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
RETURN p.id AS id, p.name AS name, p.title AS title, p.department AS department,
       p.email AS email, p.needs AS needs, p.tags AS tags,
       head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]) AS organisation_id,
       head([(p)-[a:AT_LEVEL]->(l:StatusLevel {ladder: $workspace + ':org'})
             WHERE NOT a.inferred | l.rank]) AS level
