// The workspace's person aliases (ids merged into a person by an import, graph/imports/validate.py
// Duplicates.MERGE): every alias with the person it stands for.
MATCH (p:Person)
WHERE p.workspace = $workspace AND p.aliases IS NOT NULL
UNWIND p.aliases AS alias
RETURN alias, p.id AS id
