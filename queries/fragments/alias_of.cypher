// fragment alias_of(key, person)
(:PersonKey {workspace: $workspace, id: {{key}}})-[:ALIAS_OF]->({{person}}:Person)
