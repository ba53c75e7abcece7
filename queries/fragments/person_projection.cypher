// fragment person_projection(person, level)
{{person}} {.id, .workspace, .name, .title, .department, .email, .needs, .tags, .aliases,
  organisation_id: head([({{person}})-[:WORKS_AT]->(o:Organisation) | o.id]),
  level: {{level}}}
