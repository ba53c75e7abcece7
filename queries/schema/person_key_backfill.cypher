// Migration for schema/person_keys_unique (run before it, by name): every person gets the
// PersonKey label, and every alias in Person.aliases a PersonAlias key node, so that the
// constraint holds ids and aliases as one set per workspace. An alias that two people hold, or
// that is a person's id in the same workspace (data written before the constraint, which the
// workspace's lock kept out), gets no key node: it stays on the property, and the constraint
// can still be created. Idempotent.
CALL () {
  MATCH (p:Person) WHERE NOT p:PersonKey
  SET p:PersonKey
}
CALL () {
  MATCH (p:Person) USING INDEX p:Person(aliases)
  WHERE p.aliases IS NOT NULL
  UNWIND p.aliases AS alias
  WITH p.workspace AS workspace, alias, collect(DISTINCT p) AS holders
  WHERE size(holders) = 1 AND NOT EXISTS { MATCH (:Person {id: alias, workspace: workspace}) }
  WITH workspace, alias, holders[0] AS p
  WHERE NOT EXISTS {
    MATCH (:PersonAlias {workspace: workspace, id: alias})-[:ALIAS_OF]->(other) WHERE other <> p
  }
  MERGE (k:PersonAlias:PersonKey {workspace: workspace, id: alias})
  MERGE (k)-[:ALIAS_OF]->(p)
}
