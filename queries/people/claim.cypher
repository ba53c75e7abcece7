UNWIND $ids AS id
CREATE (n:Person {id: id, workspace: $workspace})
RETURN count(n) AS created
