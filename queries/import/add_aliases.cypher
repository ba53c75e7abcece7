// Record each row's alias on its person (an import's merge), once.
UNWIND $rows AS row
MATCH (p:Person {id: row.id}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
SET p.aliases = CASE
  WHEN row.alias IN coalesce(p.aliases, []) THEN p.aliases
  ELSE coalesce(p.aliases, []) + row.alias
END
RETURN count(p) AS written
