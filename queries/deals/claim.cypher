UNWIND $ids AS id
CREATE (n:Deal {id: id, workspace: $workspace})
RETURN count(n) AS created
