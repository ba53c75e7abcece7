UNWIND $ids AS id
MATCH (d:Deal {id: id}) USING INDEX SEEK d:Deal(id)
WHERE d.workspace = $workspace
RETURN d.id AS id, d {.*} AS props, head([(d)-[:FOR]->(o:Organisation) | o.id]) AS organisation
