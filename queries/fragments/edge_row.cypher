// fragment edge_row(r)
WITH DISTINCT {{r}}
WITH type({{r}}) AS type, startNode({{r}}).id AS source, endNode({{r}}).id AS target,
     {{r}} {.*} AS props
