RETURN [id IN $ids WHERE EXISTS { MATCH (o:Organisation {id: id}) WHERE o.workspace <> $workspace }] AS foreign,
       [id IN $ids WHERE EXISTS { MATCH (:Organisation {id: id, workspace: $workspace}) }] AS existing
