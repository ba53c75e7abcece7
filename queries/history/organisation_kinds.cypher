MATCH (o:Organisation {workspace: $workspace})
WHERE o.kind IN ['home', 'partner'] OR o.id IN $ids
RETURN o.id AS id, o {.*} AS props
UNION
MATCH (d:Deal {id: $deal_id}) USING INDEX SEEK d:Deal(id)
WHERE d.workspace = $workspace
MATCH (d)-[:FOR]->(o:Organisation)
RETURN o.id AS id, o {.*} AS props
