CALL () {
  MATCH (p:Person {workspace: $workspace})
  WHERE ($search IS NULL OR toLower(p.name) CONTAINS $search OR toLower(coalesce(p.title, '')) CONTAINS $search)
    AND ($organisation_id IS NULL
         OR EXISTS { (p)-[:WORKS_AT]->(:Organisation {id: $organisation_id, workspace: $workspace}) })
    AND ($level_rank IS NULL
         OR EXISTS { (p)-[:AT_LEVEL]->(:StatusLevel {ladder: $workspace + ':org', rank: $level_rank}) })
    AND (($role IS NULL AND $stance IS NULL)
         OR EXISTS {
           MATCH (p)-[m:IN_BUYING_CENTRE]->(:Deal {workspace: $workspace})
           WHERE ($role IS NULL OR $role IN m.roles) AND ($stance IS NULL OR m.stance = $stance)
         })
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Person {workspace: $workspace})
  WHERE p.id > coalesce($after, '')
    AND ($search IS NULL OR toLower(p.name) CONTAINS $search OR toLower(coalesce(p.title, '')) CONTAINS $search)
    AND ($organisation_id IS NULL
         OR EXISTS { (p)-[:WORKS_AT]->(:Organisation {id: $organisation_id, workspace: $workspace}) })
    AND ($level_rank IS NULL
         OR EXISTS { (p)-[:AT_LEVEL]->(:StatusLevel {ladder: $workspace + ':org', rank: $level_rank}) })
    AND (($role IS NULL AND $stance IS NULL)
         OR EXISTS {
           MATCH (p)-[m:IN_BUYING_CENTRE]->(:Deal {workspace: $workspace})
           WHERE ($role IS NULL OR $role IN m.roles) AND ($stance IS NULL OR m.stance = $stance)
         })
  WITH p ORDER BY p.id LIMIT $first + 1
  RETURN collect(p) AS page
}
RETURN total, size(page) > $first AS has_next, [x IN page[0..$first] | x {.*,
  organisation_id: head([(x)-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: {{ org_level(x) }}
}] AS items
