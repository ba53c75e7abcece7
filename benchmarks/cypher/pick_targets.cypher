MATCH (d:Deal {workspace: $workspace})<-[m:IN_BUYING_CENTRE]-(p:Person)
WITH d, count(m) AS members, min(p.id) AS person
ORDER BY members DESC, d.id LIMIT 1
MATCH (a:Person {id: person})<-[r:INFLUENCES]-(b:Person)
RETURN d.id AS deal, person, b.id AS source, r.weight AS weight, r.kind AS kind
LIMIT 1
