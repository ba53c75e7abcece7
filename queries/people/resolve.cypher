// Each of $keys with the person it names in the workspace (graph/repository/person_keys.py): the
// person whose id it is, or whose alias it is (fragments/alias_of), or none. Two index seeks a
// key. Run first in a writing transaction, so that what a write names is read with the write.
UNWIND $keys AS key
OPTIONAL CALL (key) {
  MATCH (p:Person {id: key, workspace: $workspace})
  RETURN p.id AS id
  UNION
  MATCH {{ alias_of(key, p) }}
  RETURN p.id AS id
}
RETURN key, id
