WITH [p IN [$person_id] WHERE p IS NOT NULL] AS people,
     [d IN [$deal_id] WHERE d IS NOT NULL] AS deals,
     [o IN [$organisation_id] WHERE o IS NOT NULL] AS organisations
WITH {{ change_subjects(people, deals, organisations) }} AS subjects
CALL (subjects) {
  // A person, deal or account named: the events that concern it, found by that subject.
  WITH subjects WHERE subjects <> []
  MATCH ()-[r:CONCERNS {workspace: $workspace, subject: subjects[0]}]->(c:Change)
  USING INDEX r:CONCERNS(workspace, subject, id)
  WHERE r.id >= $since AND ($until IS NULL OR r.id < $until)
  RETURN c
  UNION
  WITH subjects WHERE subjects = []
  MATCH (c:Change {workspace: $workspace})
  WHERE c.id >= $since
  RETURN c
}
WITH c WHERE {{ change_filter(c) }}
WITH c ORDER BY c.id
RETURN c {.*} AS change
