WITH $people AS people, [d IN [$deal_id] WHERE d IS NOT NULL] AS deals,
     $organisations AS organisations
CALL (people, deals, organisations) {
  UNWIND {{ change_subjects(people, deals, organisations) }} AS subject
  MATCH ()-[r:CONCERNS {workspace: $workspace, subject: subject}]->(c:Change)
  USING INDEX r:CONCERNS(workspace, subject, id)
  WHERE r.id >= $since
  WITH DISTINCT c
  {{ first_events(c, events, named) }}
}
// With $known (the people of the present scope), the next round of the past read in the same
// statement: the people these events name who are neither known nor asked (they left the
// scope), their events, and their present facts.
// Each name is tested once (a reduce growing the leavers tested every name against all found so
// far: quadratic).
CALL (named, people) {
  UNWIND named AS names
  UNWIND names AS p
  WITH DISTINCT p
  WHERE $known IS NOT NULL AND NOT p IN $known AND NOT p IN people
  RETURN collect(p) AS leavers
}
WITH events, leavers
CALL (leavers) {
  UNWIND leavers AS leaver
  MATCH ()-[r:CONCERNS {workspace: $workspace, subject: 'person:' + leaver}]->(c:Change)
  USING INDEX r:CONCERNS(workspace, subject, id)
  WHERE r.id >= $since
  WITH DISTINCT c
  {{ first_events(c, leaver_events, leaver_named) }}
}
CALL (leavers) {
  UNWIND leavers AS leaver
  MATCH (p:Person {id: leaver}) USING INDEX SEEK p:Person(id)
  WHERE p.workspace = $workspace
  WITH {{ person_now(p) }}
  RETURN collect({id: id, props: props, organisation: organisation, rank: rank}) AS leaver_people
}
// Only the leavers' edges among themselves and with the present scope's people: enough to tell
// whether a leaver was in the scope then. One who was in it in a role that brings others in has
// all their edges read after (graph/scopes/past.py), not the edges of every leaver.
CALL (leavers) {
  WITH leavers, coalesce($known, []) + leavers AS others
  UNWIND leavers AS leaver
  MATCH (p:Person {id: leaver}) USING INDEX SEEK p:Person(id)
  WHERE p.workspace = $workspace
  {{ person_edges_with(p, r, others) }}
  RETURN collect({type: type, source: source, target: target, props: props}) AS leaver_edges
}
RETURN events, leavers, leaver_events, leaver_people, leaver_edges
