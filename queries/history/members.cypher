UNWIND $pairs AS pair
MATCH (p:Person {id: pair[1]}) USING INDEX SEEK p:Person(id)
WHERE p.workspace = $workspace
MATCH (p)-[m:IN_BUYING_CENTRE]->(d:Deal {id: pair[0]})
RETURN d.id AS deal, p.id AS person, m {.*} AS props,
       head([(d)-[:FOR]->(o:Organisation) | o.id]) AS organisation,
       {{ person_context(p, person_organisation, person_deals) }}
