// Record each row's alias on its person (an import's merge), once: in Person.aliases, which
// reads use, and as the PersonAlias key node the constraint schema/person_keys_unique holds
// unique with the workspace's person ids (a second person given the alias, or a person with it
// as id in the workspace, fails the write, whatever checked it before).
UNWIND $rows AS row
MATCH (p:Person {id: row.id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
SET p.aliases = CASE
  WHEN row.alias IN coalesce(p.aliases, []) THEN p.aliases
  ELSE coalesce(p.aliases, []) + row.alias
END
WITH p, row
CALL (p, row) {
  WITH p, row
  WHERE NOT EXISTS { (:PersonAlias {id: row.alias})-[:ALIAS_OF]->(p) }
  CREATE (:PersonAlias:PersonKey {id: row.alias, workspace: $workspace})-[:ALIAS_OF]->(p)
}
RETURN count(p) AS written
