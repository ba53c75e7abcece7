"""The database: its settings, the driver, the Cypher loader, the store and its workspace
guard, and the local Neo4j.
"""
