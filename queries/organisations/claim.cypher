UNWIND $ids AS id
CREATE (n:Organisation {id: id, workspace: $workspace, kind: 'customer'})
RETURN count(n) AS created
