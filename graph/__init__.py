"""statusmap's domain core: models, store, analytics, import/export and the local Neo4j runner."""
