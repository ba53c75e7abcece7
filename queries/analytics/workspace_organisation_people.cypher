MATCH (o:Organisation {workspace: $workspace})<-[:WORKS_AT]-(p)
WITH o, collect(id(p)) AS people
RETURN collect(coalesce(o.id, '')) AS ids, collect(coalesce(o.kind, '')) AS kinds,
       collect(people) AS people
