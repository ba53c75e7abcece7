// Of $ids: those held by a person of another workspace, by a person of this one, or as an alias
// of this one's (an index seek each, fragments/alias_of), and the organisations of
// $organisation_ids this workspace lacks.
CALL () {
  UNWIND $ids AS id
  MATCH {{ alias_of(id, holder) }}
  RETURN collect(id) AS aliases
}
RETURN [id IN $ids WHERE EXISTS { MATCH (p:Person {id: id}) WHERE p.workspace <> $workspace }] AS foreign,
       [id IN $ids WHERE EXISTS { MATCH (:Person {id: id, workspace: $workspace}) }] AS existing,
       aliases,
       [id IN $organisation_ids WHERE NOT EXISTS { MATCH (:Organisation {id: id, workspace: $workspace}) }]
         AS missing_organisations
