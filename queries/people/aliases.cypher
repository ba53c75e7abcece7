// Every person alias of the workspace (ids merged into a person by an import,
// graph/imports/validate.py Duplicates.MERGE) with the person it stands for: an import reads its
// files through them. An alias is a PersonAlias key node ALIAS_OF its person
// (import/add_aliases), and people/aliases_of reads a few by key.
MATCH (a:PersonAlias)-[:ALIAS_OF]->(p:Person)
WHERE a.workspace = $workspace
RETURN a.id AS alias, p.id AS id
