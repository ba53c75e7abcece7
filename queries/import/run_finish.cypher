MATCH (r:ImportRun {id: $run, workspace: $workspace})
SET r.state = 'done', r.position = 0, r.finished = datetime(), r.written = $written
RETURN r.id AS id
