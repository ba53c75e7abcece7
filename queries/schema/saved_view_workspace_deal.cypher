CREATE RANGE INDEX saved_view_workspace_deal IF NOT EXISTS FOR (n:SavedView) ON (n.workspace, n.deal)
