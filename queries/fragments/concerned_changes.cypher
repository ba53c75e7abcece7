// fragment concerned_changes(subjects, c)
// The events in [$since, $until) that pass change_filter. With a person, deal or account named
// (subjects from change_named), they are sought by the first subject in the CONCERNS index (the
// filter checks any other), and with none, every event of the workspace in the window. The
// filter runs in each branch, beside the index read (after the union it read each event's id
// again), and the two branches never both answer, so only the first, whose event may repeat a
// subject, is made distinct (a distinct union held every event of the window to compare them).
CALL ({{subjects}}) {
  WITH {{subjects}} WHERE {{subjects}} <> []
  MATCH ()-[concerns:CONCERNS {workspace: $workspace, subject: {{subjects}}[0]}]->({{c}}:Change)
  USING INDEX concerns:CONCERNS(workspace, subject, id)
  WHERE concerns.id >= $since AND concerns.id < coalesce($until, '~')
    AND {{ change_filter(c) }}
  WITH DISTINCT {{c}}
  RETURN {{c}}
  UNION ALL
  // The workspace named only when no subject is: the seek finds nothing otherwise (a filter on
  // the subjects alone would be planned after the seek, which would read every event).
  MATCH ({{c}}:Change {workspace: CASE WHEN {{subjects}} = [] THEN $workspace END})
  WHERE {{c}}.id >= $since AND {{c}}.id < coalesce($until, '~')
    AND {{ change_filter(c) }}
  RETURN {{c}}
}
