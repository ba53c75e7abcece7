// One view per (deal, name): saving a name again replaces its state. The id holds the deal's
// id, unique across workspaces (graph/model/view.py).
MATCH (d:Deal {id: $deal_id, workspace: $workspace})
MERGE (v:SavedView {id: $id})
ON CREATE SET v.workspace = $workspace, v.deal = $deal_id, v.name = $name
SET v.state = $state, v.saved_at = datetime(), v.saved_by = $saved_by
MERGE (v)-[:VIEW_OF]->(d)
RETURN v {.*} AS view
