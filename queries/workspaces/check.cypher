RETURN EXISTS { MATCH (:Workspace {id: $workspace}) } AS exists,
       [id IN $ladder_ids WHERE EXISTS { MATCH (:Ladder {id: id}) }] AS taken_ladders
