UNWIND $ids AS id
WITH id WHERE NOT EXISTS { MATCH (:Person {id: id, workspace: $workspace}) }
RETURN collect(id) AS missing
