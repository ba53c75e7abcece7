MATCH (p:Person {workspace: $workspace})
WHERE p.id > $after
WITH p ORDER BY p.id LIMIT $limit
OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation)
OPTIONAL MATCH (p)-[a:AT_LEVEL]->(l:StatusLevel {ladder: $workspace + ':org'})
RETURN p.id AS anchor, p.id AS id, p.first_name AS first_name, p.last_name AS last_name,
       p.name AS name, p.title AS title, p.department AS department, p.email AS email,
       o.id AS organisation_id, l.rank AS rank, a.inferred AS inferred,
       p.needs AS needs, p.tags AS tags, p.aliases AS aliases
ORDER BY id
