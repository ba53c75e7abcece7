// People stored before every person carried the PersonKey label (versions before the constraint
// schema/person_keys_unique): one label scan, run until the step is recorded.
MATCH (p:Person)
WHERE NOT p:PersonKey
RETURN elementId(p) AS id
