CREATE CONSTRAINT person_keys_unique IF NOT EXISTS
FOR (n:PersonKey) REQUIRE (n.workspace, n.id) IS UNIQUE
