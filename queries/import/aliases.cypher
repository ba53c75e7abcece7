// The workspace's person aliases (ids merged into a person by an import, graph/imports/validate.py
// Duplicates.MERGE): every alias with the person it stands for. Only the people with aliases are
// read (schema/person_aliases).
MATCH (p:Person) USING INDEX p:Person(aliases)
WHERE p.aliases IS NOT NULL AND p.workspace = $workspace
UNWIND p.aliases AS alias
RETURN alias, p.id AS id
