UNWIND $ids AS id
MATCH (d:Deal {workspace: $workspace})-[:FOR]->(:Organisation {id: id, workspace: $workspace})
RETURN id AS key, d {.*, organisation_id: id} AS deal
ORDER BY d.id
