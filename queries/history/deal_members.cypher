UNWIND $ids AS id
MATCH (d:Deal {id: id}) USING INDEX SEEK d:Deal(id)
WHERE d.workspace = $workspace
MATCH (p:Person)-[m:IN_BUYING_CENTRE]->(d)
RETURN d.id AS deal, p.id AS person, m {.*} AS props,
       head([(d)-[:FOR]->(o:Organisation) | o.id]) AS organisation
