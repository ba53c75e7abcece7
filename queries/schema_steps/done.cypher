// Whether the schema step $name has run to its end on this database (its index-backed marker).
OPTIONAL MATCH (s:SchemaStep {name: $name})
RETURN s IS NOT NULL AS done
