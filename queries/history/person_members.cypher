UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
MATCH (p)-[m:IN_BUYING_CENTRE]->(d:Deal)
RETURN d.id AS deal, p.id AS person, m {.*} AS props,
       head([(d)-[:FOR]->(o:Organisation) | o.id]) AS organisation
