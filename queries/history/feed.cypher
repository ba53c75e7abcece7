{{ change_named(subjects) }}
CALL (subjects) {
  {{ concerned_changes(subjects, c) }}
  RETURN count(c) AS total
}
CALL (subjects) {
  // A page, newest first from the cursor on (and one more, to tell whether there is a next
  // page): by the first subject named, or, with none, from every event of the workspace. Each
  // is read newest first in its index's own order (ordered by every key of the index, the
  // equal ones too, so the planner takes the order from it): the read stops at the page's end
  // instead of sorting the window.
  CALL (subjects) {
    WITH subjects WHERE subjects <> []
    MATCH ()-[r:CONCERNS {workspace: $workspace, subject: subjects[0]}]->(c:Change)
    USING INDEX r:CONCERNS(workspace, subject, id)
    WHERE r.id >= $since AND r.id < coalesce($until, '~') AND r.id < coalesce($after, '~')
      AND {{ change_filter(c) }}
    WITH c ORDER BY r.workspace DESC, r.subject DESC, r.id DESC
    // An event naming the subject twice has two entries: one place in the page, not two (the
    // order is kept through DISTINCT, so the read still stops at the page's end).
    WITH DISTINCT c LIMIT $first + 1
    RETURN c
    UNION
    MATCH (c:Change {workspace: CASE WHEN subjects = [] THEN $workspace END})
    WHERE c.id >= $since AND c.id < coalesce($until, '~') AND c.id < coalesce($after, '~')
      AND {{ change_filter(c) }}
    WITH c ORDER BY c.workspace DESC, c.id DESC LIMIT $first + 1
    RETURN c
  }
  WITH c ORDER BY c.id DESC
  RETURN collect(c {.*}) AS page
}
RETURN total, size(page) > $first AS has_next, page[0..$first] AS items
