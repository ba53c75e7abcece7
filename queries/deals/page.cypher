MATCH (d:Deal {workspace: $workspace})
WHERE $organisation_id IS NULL
   OR EXISTS { (d)-[:FOR]->(:Organisation {id: $organisation_id, workspace: $workspace}) }
WITH d ORDER BY d.id
WITH collect(d) AS matched
WITH size(matched) AS total, [x IN matched WHERE $after IS NULL OR x.id > $after] AS rest
RETURN total, size(rest) > $first AS has_next,
       [x IN rest[0..$first] | x {.*, organisation_id: head([(x)-[:FOR]->(o:Organisation) | o.id])}] AS items
