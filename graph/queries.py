"""Cypher statements kept in ``queries/**/*.cypher``, one statement per file, loaded by name.

A name is the file's path below ``queries/`` without the suffix, e.g. ``"schema/person_id"``.
Files are read through :mod:`importlib.resources`, so they are found wherever the package is
installed, never relative to the working directory.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import LiteralString

from graph.errors import QueryNotFound

__all__ = ["all_query_names", "query"]

_PACKAGE = "queries"
_SUFFIX = ".cypher"


def _walk(node: Traversable, prefix: str) -> list[str]:
    names: list[str] = []
    for child in node.iterdir():
        if child.is_dir():
            names.extend(_walk(child, f"{prefix}{child.name}/"))
        elif child.name.endswith(_SUFFIX):
            names.append(prefix + child.name.removesuffix(_SUFFIX))
    return names


@cache
def all_query_names() -> tuple[str, ...]:
    """Every statement name under ``queries/``, sorted."""
    return tuple(sorted(_walk(resources.files(_PACKAGE), "")))


@cache
def query(name: str) -> LiteralString:
    """The text of statement ``name``; a missing file is a loud :class:`QueryNotFound`."""
    try:
        text = resources.files(_PACKAGE).joinpath(*f"{name}{_SUFFIX}".split("/")).read_text()
    except (FileNotFoundError, IsADirectoryError) as e:
        raise QueryNotFound(f"no Cypher statement named {name!r} (queries/{name}{_SUFFIX})") from e
    text = text.strip()
    if not text:
        raise QueryNotFound(f"queries/{name}{_SUFFIX} is empty")
    # The files ship with the package and are reviewed like code: they are literal statements.
    return text
