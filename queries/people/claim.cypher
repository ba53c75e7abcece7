UNWIND $ids AS id
CREATE (n:Person:PersonKey {id: id, workspace: $workspace})
RETURN count(n) AS created
