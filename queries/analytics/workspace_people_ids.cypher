MATCH (p:Person {workspace: $workspace})
RETURN collect(id(p)) AS nodes, collect(p.id) AS ids
