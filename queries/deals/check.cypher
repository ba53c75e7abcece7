RETURN [id IN $ids WHERE EXISTS { MATCH (d:Deal {id: id}) WHERE d.workspace <> $workspace }] AS foreign,
       [id IN $ids WHERE EXISTS { MATCH (:Deal {id: id, workspace: $workspace}) }] AS existing,
       [id IN $organisation_ids WHERE NOT EXISTS { MATCH (:Organisation {id: id, workspace: $workspace}) }]
         AS missing_organisations
