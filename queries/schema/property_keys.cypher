// Property keys the reads name that a store may not hold yet: a bulk-loaded store has buying-
// centre members without motive, outcome, aspiration or evidence, and influence ties without
// basis (analytics/deal_scope), a store never pruned has no history_pruned_before, and one
// never written through the app no event's `at` (history/horizon). A statement naming a key
// the database has never seen draws a "property does not exist" notification (GQL status
// 01N52, UnknownPropertyKeyWarning) on every run. db.createProperty, Neo4j's procedure for a
// key used before any node or relationship has it, makes each known: idempotent, no data.
UNWIND ['motive', 'outcome', 'aspiration', 'evidence', 'basis', 'history_pruned_before', 'at'] AS key
CALL db.createProperty(key)
