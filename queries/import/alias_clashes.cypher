// Who of the workspace holds any of $keys (the ids and aliases an import batch writes) as their
// id or as one of their aliases. Read in the transaction that writes them: the import's check
// ran before it, and a concurrent import or create may have taken one since. Each key is two
// index seeks: a person's id, and an alias (fragments/alias_of).
UNWIND $keys AS key
CALL (key) {
  MATCH {{ alias_of(key, p) }}
  RETURN p.id AS holder
  UNION
  MATCH (p:Person {id: key}) WHERE p.workspace = $workspace
  RETURN p.id AS holder
}
RETURN key, holder
