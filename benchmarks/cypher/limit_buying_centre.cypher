MATCH (d:Deal {id: $deal, workspace: $workspace})<-[m:IN_BUYING_CENTRE]-(p:Person)
OPTIONAL MATCH (p)-[:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'})
WITH d, m, p, s ORDER BY p.id
RETURN d.id AS key, d.name AS name, collect({
  roles: m.roles, stance: m.stance,
  person: p {.id, .name, .title, level: s {.rank, .name},
    influencers: [(a:Person)-[r:INFLUENCES]->(p)
                  WHERE EXISTS { (a)-[:AT_LEVEL]->(x:StatusLevel {ladder: $workspace + ':org'}) WHERE x.rank > s.rank }
                  | {weight: r.weight, kind: r.kind, person: a {.id, .name}}]}
}) AS members
