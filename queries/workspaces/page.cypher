MATCH (w:Workspace)
WHERE $allowed IS NULL OR w.id IN $allowed
WITH w ORDER BY w.id
WITH collect(w) AS matched
WITH size(matched) AS total, [x IN matched WHERE $after IS NULL OR x.id > $after] AS rest
RETURN total, size(rest) > $first AS has_next, [x IN rest[0..$first] | x {.*}] AS items
