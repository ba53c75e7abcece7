// One batch of the people found by schema_steps/person_keys_pending gets the PersonKey label,
// and each alias in its Person.aliases a PersonAlias key node, so that the constraint holds ids
// and aliases as one set per workspace. An alias that another person also holds, or that is a
// person's id in the same workspace (data written before the constraint, which the workspace's
// lock kept out), gets no key node: it stays on the property. Safe to repeat.
UNWIND $ids AS id
MATCH (p:Person)
WHERE elementId(p) = id
SET p:PersonKey
WITH p
UNWIND coalesce(p.aliases, []) AS alias
WITH DISTINCT p, alias
WHERE NOT EXISTS { MATCH (:Person {workspace: p.workspace, id: alias}) }
  AND NOT EXISTS { MATCH (o:Person {workspace: p.workspace}) WHERE o <> p AND alias IN o.aliases }
  AND NOT EXISTS {
    MATCH (:PersonAlias {workspace: p.workspace, id: alias})-[:ALIAS_OF]->(other) WHERE other <> p
  }
MERGE (k:PersonAlias:PersonKey {workspace: p.workspace, id: alias})
MERGE (k)-[:ALIAS_OF]->(p)
