// Lock the workspace's node until the commit, as the fence that ends every write does
// (fragments/fence), but first: a transaction that checks person ids and aliases takes it
// before its check, so that two of them run one after the other and the second sees what the
// first wrote (no two people given one id or alias).
MATCH (w:Workspace {id: $workspace, workspace: $workspace})
SET w.fence = true
REMOVE w.fence
RETURN count(w) AS locked
