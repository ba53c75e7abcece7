"""Cypher statements, one per ``.cypher`` file, loaded by name through :mod:`graph.queries`."""
