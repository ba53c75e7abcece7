MATCH (u:User {id: $user_id}), (w:Workspace {id: $workspace})
MERGE (u)-[m:MEMBER_OF]->(w)
SET m.role = $role
RETURN w.id AS workspace, m.role AS role
