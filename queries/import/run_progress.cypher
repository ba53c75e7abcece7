MATCH (r:ImportRun {id: $run, workspace: $workspace})
SET r.position = $position, r.kind = $kind
RETURN r.position AS position
