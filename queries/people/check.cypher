RETURN [id IN $ids WHERE EXISTS { MATCH (p:Person {id: id}) WHERE p.workspace <> $workspace }] AS foreign,
       [id IN $ids WHERE EXISTS { MATCH (:Person {id: id, workspace: $workspace}) }] AS existing,
       [id IN $organisation_ids WHERE NOT EXISTS { MATCH (:Organisation {id: id, workspace: $workspace}) }]
         AS missing_organisations
