MERGE (r:ImportRun {id: $run})
ON CREATE SET r.workspace = $workspace, r.position = 0, r.started = datetime()
SET r.state = 'running', r.files = $files
RETURN r.position AS position
