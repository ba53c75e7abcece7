"""Reading and writing the status map; every function takes a workspace-scoped store.

These are the public entry points for the API and for imports (``upsert_people``,
``upsert_organisations``, ``upsert_influences``, ``upsert_knows``).
"""
