// A deal's saved views by name (their ids hold the deal's id and the name: keyset on id).
MATCH (v:SavedView {workspace: $workspace, deal: $deal_id})
WITH v ORDER BY v.id
WITH collect(v) AS matched
WITH size(matched) AS total, [x IN matched WHERE $after IS NULL OR x.id > $after] AS rest
RETURN total, size(rest) > $first AS has_next, [x IN rest[0..$first] | x {.*}] AS items
