// Who of the workspace holds any of $keys (the ids and aliases an import batch writes) as their
// id or as one of their aliases. Read in the transaction that writes them: the import's check
// ran before it, and a concurrent import or create may have taken one since. Only the people
// with aliases are read (schema/person_aliases), and `IN $keys` is one hashed look-up a key.
CALL () {
  MATCH (p:Person) USING INDEX p:Person(aliases)
  WHERE p.aliases IS NOT NULL AND p.workspace = $workspace
  UNWIND p.aliases AS key
  WITH p, key WHERE key IN $keys
  RETURN key, p.id AS holder
  UNION
  MATCH (p:Person) WHERE p.id IN $keys AND p.workspace = $workspace
  RETURN p.id AS key, p.id AS holder
}
RETURN key, holder
