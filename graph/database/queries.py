"""Cypher statements kept in ``queries/**/*.cypher``, one statement per file, loaded by name.

A name is the file's path below ``queries/`` without the suffix, e.g. ``"schema/person_id"``.
Files are read through :mod:`importlib.resources`, so they are found wherever the package is
installed, never relative to the working directory.

Parts that many statements share — the person projection, a person's level — are written once,
as *fragments* in ``queries/fragments/``, and included where they are used with a placeholder
that names the fragment and the variables it works on::

    RETURN {{ person_projection(a, level) }} AS person

A fragment file starts with a header line that declares its parameters, e.g.
``// fragment person_projection(person, level)``, and uses them in its body as ``{{person}}``
and ``{{level}}``; a fragment may include others. Placeholders are resolved when a statement is
loaded (and cached with it); an unknown fragment, a wrong number of arguments or a slot left
unresolved is a loud :class:`~graph.errors.QueryNotFound`. Fragments are not statements:
:func:`all_query_names` does not list them.

>>> "{{" in query("relations/neighbours"), "[:AT_LEVEL]" in query("people/get_many")
(False, False)
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import LiteralString

from graph.errors import QueryNotFound

__all__ = ["all_fragment_names", "all_query_names", "query", "with_fragments"]

_PACKAGE = "queries"
_SUFFIX = ".cypher"
_FRAGMENTS = "fragments"
_NAME = r"[a-z_][a-z0-9_]*"
_CALL = re.compile(rf"\{{\{{\s*({_NAME})\(([^(){{}}]*)\)\s*\}}\}}")
"""``{{ name(arg, ...) }}``: a fragment included with variables as its arguments."""
_SLOT = re.compile(rf"\{{\{{({_NAME})\}}\}}")
"""``{{param}}`` in a fragment's body."""
_HEADER = re.compile(rf"//\s*fragment\s+({_NAME})\(([^)]*)\)")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _walk(node: Traversable, prefix: str) -> list[str]:
    names: list[str] = []
    for child in node.iterdir():
        if child.is_dir():
            names.extend(_walk(child, f"{prefix}{child.name}/"))
        elif child.name.endswith(_SUFFIX):
            names.append(prefix + child.name.removesuffix(_SUFFIX))
    return names


def _read(name: str) -> str:
    try:
        text = resources.files(_PACKAGE).joinpath(*f"{name}{_SUFFIX}".split("/")).read_text()
    except (FileNotFoundError, IsADirectoryError) as e:
        raise QueryNotFound(f"no Cypher statement named {name!r} (queries/{name}{_SUFFIX})") from e
    text = text.strip()
    if not text:
        raise QueryNotFound(f"queries/{name}{_SUFFIX} is empty")
    return text


@cache
def all_query_names() -> tuple[str, ...]:
    """Every statement name under ``queries/``, sorted (fragments are not statements)."""
    names = _walk(resources.files(_PACKAGE), "")
    return tuple(sorted(n for n in names if not n.startswith(f"{_FRAGMENTS}/")))


@cache
def all_fragment_names() -> tuple[str, ...]:
    """Every fragment under ``queries/fragments/``, sorted."""
    return tuple(sorted(_walk(resources.files(_PACKAGE).joinpath(_FRAGMENTS), "")))


@cache
def _fragment(name: str) -> tuple[tuple[str, ...], str]:
    """A fragment's parameters and body (the header line taken off)."""
    text = _read(f"{_FRAGMENTS}/{name}")
    header, _, body = text.partition("\n")
    declared = _HEADER.fullmatch(header.strip())
    if declared is None or declared.group(1) != name:
        raise QueryNotFound(
            f"queries/{_FRAGMENTS}/{name}{_SUFFIX} must start with "
            f"'// fragment {name}(parameter, ...)'"
        )
    params = tuple(p.strip() for p in declared.group(2).split(",") if p.strip())
    return params, body.strip()


def _expand(text: str, where: str, within: tuple[str, ...] = ()) -> str:
    def include(call: re.Match[str]) -> str:
        name = call.group(1)
        args = [a.strip() for a in call.group(2).split(",") if a.strip()]
        if name in within:
            raise QueryNotFound(f"{where}: fragment {name!r} includes itself")
        params, body = _fragment(name)
        if len(args) != len(params) or not all(_VARIABLE.fullmatch(a) for a in args):
            raise QueryNotFound(
                f"{where}: {{{{ {name}(...) }}}} takes the variables ({', '.join(params)}), "
                f"got ({', '.join(args)})"
            )
        values = dict(zip(params, args, strict=True))

        def slot(found: re.Match[str]) -> str:
            if found.group(1) not in values:
                raise QueryNotFound(f"fragment {name!r} has no parameter {found.group(1)!r}")
            return values[found.group(1)]

        return _expand(_SLOT.sub(slot, body), where, (*within, name))

    expanded = _CALL.sub(include, text)
    if "{{" in expanded:
        raise QueryNotFound(f"{where}: a placeholder is not of the form {{{{ name(a, b) }}}}")
    return expanded


@cache
def query(name: str) -> LiteralString:
    """The text of statement ``name``, fragments included; anything missing is a loud error."""
    text = _expand(_read(name), f"queries/{name}{_SUFFIX}")
    # The files ship with the package and are reviewed like code: they are literal statements.
    return text


def with_fragments(text: str, where: str) -> str:
    """``text``, a statement built in code (:mod:`graph.repository.shaped`), fragments included.

    The same placeholders and errors as in a file; ``where`` names the builder in them.
    """
    return _expand(text, where)
