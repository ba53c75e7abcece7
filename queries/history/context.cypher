UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
RETURN p.id AS id, head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]) AS organisation,
       [(p)-[:IN_BUYING_CENTRE]->(d:Deal) | d.id] AS deals
