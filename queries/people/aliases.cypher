// The workspace's person aliases (ids merged into a person by an import, graph/imports/validate.py
// Duplicates.MERGE) with the person each stands for: all of them ($keys null, an import reading
// its files through them), or those among $keys (graph/repository/person_keys.py). Only the
// people with aliases are read (schema/person_aliases), and only this workspace's.
MATCH (p:Person) USING INDEX p:Person(aliases)
WHERE p.aliases IS NOT NULL AND p.workspace = $workspace
UNWIND p.aliases AS alias
WITH alias, p WHERE $keys IS NULL OR alias IN $keys
RETURN alias, p.id AS id
