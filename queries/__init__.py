"""Cypher statements, one per ``.cypher`` file, loaded by name.

The loader is :mod:`graph.database.queries`.
"""
