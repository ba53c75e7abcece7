WITH COLLECT {
  MATCH (p:Person) USING INDEX p:Person(aliases)
  WHERE p.aliases IS NOT NULL AND p.workspace = $workspace
  UNWIND p.aliases AS alias
  RETURN alias
} AS aliases
RETURN [id IN $ids WHERE EXISTS { MATCH (p:Person {id: id}) WHERE p.workspace <> $workspace }] AS foreign,
       [id IN $ids WHERE EXISTS { MATCH (:Person {id: id, workspace: $workspace}) }] AS existing,
       [id IN $ids WHERE id IN aliases] AS aliases,
       [id IN $organisation_ids WHERE NOT EXISTS { MATCH (:Organisation {id: id, workspace: $workspace}) }]
         AS missing_organisations
