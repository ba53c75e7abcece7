MATCH (:Organisation {id: $source_id, workspace: $workspace})-[r:PARTNERS_WITH]-(:Organisation {id: $target_id, workspace: $workspace})
DELETE r
RETURN count(r) AS deleted
