// Those of $keys that are person aliases of the workspace, with the person each stands for
// (graph/repository/person_keys.py): one seek of the index of schema/person_keys_unique a key
// (fragments/alias_of), whatever the size of the workspace.
UNWIND $keys AS key
MATCH {{ alias_of(key, p) }}
RETURN key AS alias, p.id AS id
