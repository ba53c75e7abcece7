CALL () {
  UNWIND $people AS id
  MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
  WHERE p.workspace = $workspace
  RETURN collect({
    id: p.id,
    props: p {.*},
    organisation: head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]),
    rank: head([(p)-[:AT_LEVEL]->(l:StatusLevel {ladder: $workspace + ':org'}) | l.rank]),
    deals: [(p)-[:IN_BUYING_CENTRE]->(d:Deal) | d.id]
  }) AS people
}
CALL () {
  UNWIND $whole_people AS id
  MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
  WHERE p.workspace = $workspace
  MATCH (p)-[r:INFLUENCES|KNOWS|REPORTS_TO]-(:Person)
  RETURN collect(DISTINCT {type: type(r), source: startNode(r).id, target: endNode(r).id, props: r {.*}}) AS person_edges
}
CALL () {
  UNWIND $edges AS edge
  MATCH (a:Person {id: edge[1]}) USING INDEX SEEK a:Person(id)
  WHERE a.workspace = $workspace
  MATCH (a)-[r]->(b:Person {id: edge[2]})
  WHERE b.workspace = $workspace AND type(r) = edge[0]
  RETURN collect({type: type(r), source: a.id, target: b.id, props: r {.*}}) AS edges
}
CALL () {
  UNWIND $members AS pair
  MATCH (p:Person {id: pair[1]}) USING INDEX SEEK p:Person(id)
  WHERE p.workspace = $workspace
  MATCH (p)-[m:IN_BUYING_CENTRE]->(d:Deal {id: pair[0]})
  RETURN collect({deal: d.id, person: p.id, props: m {.*}, organisation: head([(d)-[:FOR]->(o:Organisation) | o.id])}) AS members
}
CALL () {
  UNWIND $whole_people AS id
  MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
  WHERE p.workspace = $workspace
  MATCH (p)-[m:IN_BUYING_CENTRE]->(d:Deal)
  RETURN collect({deal: d.id, person: p.id, props: m {.*}, organisation: head([(d)-[:FOR]->(o:Organisation) | o.id])}) AS person_members
}
CALL () {
  UNWIND $whole_deals AS id
  MATCH (d:Deal {id: id}) USING INDEX SEEK d:Deal(id)
  WHERE d.workspace = $workspace
  MATCH (p:Person)-[m:IN_BUYING_CENTRE]->(d)
  RETURN collect({deal: d.id, person: p.id, props: m {.*}, organisation: head([(d)-[:FOR]->(o:Organisation) | o.id])}) AS deal_members
}
CALL () {
  UNWIND $deals AS id
  MATCH (d:Deal {id: id}) USING INDEX SEEK d:Deal(id)
  WHERE d.workspace = $workspace
  RETURN collect({id: d.id, props: d {.*}, organisation: head([(d)-[:FOR]->(o:Organisation) | o.id])}) AS deals
}
CALL () {
  UNWIND $organisations AS id
  MATCH (o:Organisation {id: id}) USING INDEX SEEK o:Organisation(id)
  WHERE o.workspace = $workspace
  RETURN collect({id: o.id, props: o {.*}}) AS organisations
}
CALL () {
  UNWIND $partners AS pair
  MATCH (a:Organisation {id: pair[0]}) USING INDEX SEEK a:Organisation(id)
  WHERE a.workspace = $workspace
  MATCH (a)-[:PARTNERS_WITH]-(b:Organisation {id: pair[1]})
  RETURN collect(DISTINCT [a.id, b.id]) AS partners
}
RETURN people, person_edges, edges, members + person_members + deal_members AS members, deals,
       organisations, partners
