// The schema step $name has run to its end: later starts skip it.
MERGE (s:SchemaStep {name: $name})
ON CREATE SET s.at = datetime()
