MATCH (w:Workspace {id: $workspace, workspace: $workspace})
SET w.history_pruned_before = CASE
  WHEN w.history_pruned_before IS NULL OR w.history_pruned_before < $at THEN $at
  ELSE w.history_pruned_before END
RETURN w.history_pruned_before AS horizon
