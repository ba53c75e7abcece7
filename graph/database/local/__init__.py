"""Start and stop a local Neo4j Community server from Maven Central jars."""

from graph.database.local.runner import (
    GDS_VERSION,
    NEO4J_VERSION,
    LocalNeo4j,
    check_tools,
    resolve_classpath,
    running_server,
)

__all__ = [
    "GDS_VERSION",
    "NEO4J_VERSION",
    "LocalNeo4j",
    "check_tools",
    "resolve_classpath",
    "running_server",
]
