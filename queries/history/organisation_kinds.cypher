MATCH (o:Organisation {workspace: $workspace})
WHERE o.kind IN ['home', 'partner'] OR o.id IN $ids
RETURN o.id AS id, o {.*} AS props
