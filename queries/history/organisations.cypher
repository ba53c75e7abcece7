UNWIND $ids AS id
MATCH (o:Organisation {id: id}) USING INDEX SEEK o:Organisation(id)
WHERE o.workspace = $workspace
RETURN o.id AS id, o {.*} AS props
