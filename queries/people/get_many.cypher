UNWIND $ids AS id
MATCH (p:Person {id: id, workspace: $workspace})
RETURN p {.*,
  organisation_id: head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: {{ org_level(p) }}
} AS person, head([(p)-[:WORKS_AT]->(o:Organisation) | o {.*}]) AS organisation
