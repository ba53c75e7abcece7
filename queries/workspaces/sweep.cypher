OPTIONAL MATCH (w:Workspace {id: $workspace})
WITH w WHERE w IS NULL
CALL () {
  MATCH (n:Person {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:PersonAlias {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:Organisation {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:Deal {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:JourneyEvent {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:Ladder {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:StatusLevel {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:ImportRun {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:Change {workspace: $workspace}) RETURN n
  UNION ALL
  MATCH (n:SavedView {workspace: $workspace}) RETURN n
}
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(n) AS deleted
