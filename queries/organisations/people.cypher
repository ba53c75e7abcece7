UNWIND $ids AS id
MATCH (p:Person {workspace: $workspace})-[:WORKS_AT]->(:Organisation {id: id, workspace: $workspace})
RETURN id AS key, p {.*, organisation_id: id,
  level: {{ org_level(p) }}
} AS person
ORDER BY p.id
