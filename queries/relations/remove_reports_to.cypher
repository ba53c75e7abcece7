MATCH (:Person {id: $source_id, workspace: $workspace})-[r:REPORTS_TO]->(:Person {id: $target_id, workspace: $workspace})
DELETE r
RETURN count(r) AS deleted
