MATCH (v:SavedView {id: $id, workspace: $workspace})
DETACH DELETE v
RETURN count(*) AS deleted
