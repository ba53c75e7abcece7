// fragment change_concerns(c, people, deals, organisations)
FOREACH (subject IN {{ change_subjects(people, deals, organisations) }} |
  CREATE ({{c}})-[:CONCERNS {workspace: {{c}}.workspace, subject: subject, id: {{c}}.id}]->({{c}})
)
