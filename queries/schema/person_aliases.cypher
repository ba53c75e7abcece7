// The index on Person.aliases that alias look-ups once scanned is unused: they seek the
// PersonAlias key nodes (fragments/alias_of) through schema/person_keys_unique. Dropped where an
// older version created it.
DROP INDEX person_aliases IF EXISTS
