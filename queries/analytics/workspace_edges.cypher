MATCH (a:Person {workspace: $workspace})-[r:INFLUENCES|REPORTS_TO|KNOWS]->(b:Person {workspace: $workspace})
RETURN type(r) AS type, a.id AS source, b.id AS target,
       coalesce(r.weight, r.strength) AS weight, r.kind AS kind
