UNWIND $pairs AS pair
MATCH (a:Person {id: pair[0]}) USING INDEX SEEK a:Person(id)
WHERE a.workspace = $workspace
MATCH (b:Person {id: pair[1]}) USING INDEX SEEK b:Person(id)
WHERE b.workspace = $workspace
MATCH (a)-[r:INFLUENCES]->(b)
RETURN 'INFLUENCES' AS type, a.id AS source, b.id AS target, r {.*} AS props,
       {{ person_context(a, source_organisation, source_deals) }},
       {{ person_context(b, target_organisation, target_deals) }}
