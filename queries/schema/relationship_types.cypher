// Relationship types a native GDS projection names (queries/gds/project.cypher) that a new store
// may not hold yet: GDS refuses to project a type the database has never seen. Made known with
// db.createRelationshipType, Neo4j's procedure for a type used before any relationship has it:
// idempotent, no data.
UNWIND ['INFLUENCES', 'REPORTS_TO'] AS type
CALL db.createRelationshipType(type)
