MATCH (w:Workspace {id: $workspace, workspace: $workspace})
CALL (w) {
  MATCH (n:Person|Organisation|Deal|JourneyEvent|StatusLevel|Ladder)
  WHERE n.workspace = $workspace
  DETACH DELETE n
}
DETACH DELETE w
RETURN $workspace AS id
