MATCH (account:Organisation {id: $organisation_id, workspace: $workspace})
CALL (account) {
  OPTIONAL MATCH (p:Person {workspace: $workspace})-[:WORKS_AT]->(account)
  RETURN collect(p) AS account_people
}
CALL (account_people) {
  UNWIND account_people AS m
  OPTIONAL MATCH (i:Person {workspace: $workspace})-[:INFLUENCES*1..2]->(m)
  RETURN collect(DISTINCT i) AS influencers
}
CALL () {
  OPTIONAL MATCH (p:Person {workspace: $workspace})-[:WORKS_AT]->(:Organisation {workspace: $workspace, kind: 'home'})
  RETURN collect(p) AS ours
}
WITH account, account_people + influencers + ours AS core
CALL (core) {
  UNWIND core AS c
  OPTIONAL MATCH (x:Person {workspace: $workspace})-[:KNOWS]-(c)
  WHERE EXISTS { (x)-[:WORKS_AT]->(:Organisation {workspace: $workspace, kind: 'partner'}) }
  RETURN collect(DISTINCT x) AS partner_people
}
UNWIND core + partner_people AS p
WITH account, collect(DISTINCT p) AS scope
CALL (scope) {
  UNWIND scope AS a
  MATCH (a)-[r:INFLUENCES|REPORTS_TO|KNOWS]->(b)
  WHERE b IN scope AND a <> b
    AND (type(r) = 'REPORTS_TO' OR coalesce(r.weight, r.strength) IS NOT NULL)
  RETURN collect(type(r)) AS types, collect(a.id) AS sources, collect(b.id) AS targets,
         collect(coalesce(r.weight, r.strength, 0.0)) AS weights,
         collect(coalesce(r.kind, 'advice')) AS kinds, collect(coalesce(r.basis, '')) AS bases
}
RETURN account.id AS account_id,
  [p IN scope | p {.id, .name,
    level: {{ org_rank(p) }},
    org: head([(p)-[:WORKS_AT]->(o:Organisation) | [o.id, o.kind]])
  }] AS people, types, sources, targets, weights, kinds, bases
