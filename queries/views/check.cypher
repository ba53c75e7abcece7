// Before a view is saved: does the deal exist, is the view new, and how many has it already.
OPTIONAL MATCH (d:Deal {id: $deal_id, workspace: $workspace})
RETURN d IS NOT NULL AS deal,
       EXISTS { MATCH (:SavedView {id: $id, workspace: $workspace}) } AS stored,
       COUNT { MATCH (v:SavedView {workspace: $workspace, deal: $deal_id}) } AS views
