"""Data out: a workspace, an account or a deal as CSV, JSON, GraphML, GEXF or Kumu JSON."""
