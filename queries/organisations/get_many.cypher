UNWIND $ids AS id
MATCH (o:Organisation {id: id, workspace: $workspace})
RETURN o {.*} AS organisation
