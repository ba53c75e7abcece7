CALL () {
  MATCH (n:Workspace {id: $id}) RETURN n.workspace AS workspace, 'Workspace' AS label
  UNION
  MATCH (n:Organisation {id: $id}) RETURN n.workspace AS workspace, 'Organisation' AS label
  UNION
  MATCH (n:Person {id: $id}) RETURN n.workspace AS workspace, 'Person' AS label
  UNION
  MATCH (n:Deal {id: $id}) RETURN n.workspace AS workspace, 'Deal' AS label
}
WITH workspace, label
WHERE label = $label
RETURN workspace
