CALL () {
  MATCH (c:Change {workspace: $workspace})
  WHERE {{ change_filter(c) }}
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Change {workspace: $workspace})
  WHERE c.id < coalesce($after, '~') AND {{ change_filter(c) }}
  WITH c ORDER BY c.id DESC LIMIT $first + 1
  RETURN collect(c {.*}) AS page
}
RETURN total, size(page) > $first AS has_next, page[0..$first] AS items
