CALL () {
  UNWIND $events AS e
  CREATE (c:Change {
    id: e.id, workspace: $workspace, at: $at, actor: $actor, via: $via, file: e.file, row: e.row,
    kind: e.kind, fact: e.key[0], key: e.key, people: e.people, deals: e.deals,
    organisations: e.organisations, before: e.before, after: e.after
  })
  WITH c, e.people AS people, e.deals AS deals, e.organisations AS organisations
  {{ change_concerns(c, people, deals, organisations) }}
}
{{ fence(held) }}
