"""Reading request bodies: one place that turns malformed input into a clear 400.

Both ``/graphql`` (its JSON body and the ``variables`` of a GET) and the upload route read what
a client sent through here. Whatever is wrong with the bytes themselves — not UTF-8, not JSON,
nested deeper than any input of the API, a string holding an unpaired surrogate escape that no
UTF-8 encoder (nor Neo4j) accepts, a file name with a NUL byte or longer than a file system
allows — is raised as :class:`MalformedRequest`, which the app answers with ``400`` and the
reason (``api/app.py``), never with a 500 from deep inside a parser or the database driver.
"""

from __future__ import annotations

import json
import re
from typing import Any

from api.errors import BadRequest

__all__ = ["MAX_FILE_NAME_BYTES", "MAX_JSON_DEPTH", "MalformedRequest", "decode_json", "file_name"]

MAX_JSON_DEPTH = 32
"""Deepest nesting of objects and arrays in a JSON body. The API's deepest input (a mutation's
``input`` with a list of items holding lists) is five levels; Python's JSON decoder gives up
with a ``RecursionError`` at about a thousand."""

MAX_FILE_NAME_BYTES = 255
"""Longest upload file name, in UTF-8 bytes: the most a Linux or macOS file system stores."""

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A ``\\uD800``-``\\uDFFF`` escape: only then can a decoded string hold a lone surrogate."""


class MalformedRequest(BadRequest):
    """The request's bytes cannot be read as what the route expects; nothing was done."""

    code = "malformed_request"


def decode_json(raw: str | bytes) -> Any:
    """The JSON value of ``raw``, or :class:`MalformedRequest` saying what is wrong with it.

    Examples
    --------
    >>> decode_json(b'{"query": "{ health { status } }"}')
    {'query': '{ health { status } }'}
    >>> decode_json(b'{"v": "\\xff"}')
    Traceback (most recent call last):
    ...
    api.request_body.MalformedRequest: the request body is not valid UTF-8: byte 0xff at offset 7
    """
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            byte = raw[e.start : e.start + 1].hex()
            raise MalformedRequest(
                f"the request body is not valid UTF-8: byte 0x{byte} at offset {e.start}"
            ) from None
    else:
        text = raw
    try:
        value = json.loads(text)
    except RecursionError:
        value = _TOO_DEEP
    except json.JSONDecodeError as e:
        raise MalformedRequest(
            f"the request body is not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from None
    # Raised outside the handler above, so the error does not keep the deep recursion's frames.
    if value is _TOO_DEEP:
        raise _too_deep()
    _check(value, lone_surrogates=_SURROGATE_ESCAPE.search(text) is not None)
    return value


_TOO_DEEP = object()


def _too_deep() -> MalformedRequest:
    return MalformedRequest(
        f"the JSON body nests objects or arrays more than {MAX_JSON_DEPTH} levels deep; "
        "no input of this API is nested that deeply"
    )


def _check(value: Any, *, lone_surrogates: bool) -> None:
    """Refuse ``value`` nested too deeply or, if ``lone_surrogates`` may occur, holding one.

    Walked with a stack, not by recursion, so no depth of input can exhaust Python's stack.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            inner: Any = [*item.keys(), *item.values()] if lone_surrogates else item.values()
        elif isinstance(item, list):
            inner = item
        else:
            if lone_surrogates and isinstance(item, str) and not item.isascii():
                _encodable(item)
            continue
        if depth >= MAX_JSON_DEPTH:
            raise _too_deep()
        stack.extend((v, depth + 1) for v in inner)


def _encodable(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        code = ord(text[e.start])
        raise MalformedRequest(
            f"a string in the request holds an unpaired surrogate (\\u{code:04x}), which is not "
            "valid Unicode; send the character itself, or both halves of its surrogate pair"
        ) from None


def file_name(raw: bytes, number: int) -> str:
    """The base name of uploaded file ``number`` (1 = first) from its raw ``filename``.

    Only the last path segment is kept, so a name never leads out of the upload's directory;
    one that is empty, ``.`` or ``..`` becomes ``upload-<number>.csv``.

    Examples
    --------
    >>> file_name(b"../../etc/people.csv", 1)
    'people.csv'
    >>> file_name(b"..", 2)
    'upload-2.csv'
    >>> file_name(b"peo\\x00ple.csv", 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    api.request_body.MalformedRequest: file 1's name 'peo\\x00ple.csv' contains a control ...
    """
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedRequest(
            f"file {number}'s name is not valid UTF-8; rename the file"
        ) from None
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        raise MalformedRequest(
            f"file {number}'s name {name!r} contains a control character (such as NUL); "
            "rename the file"
        )
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if base in ("", ".", ".."):
        base = f"upload-{number}.csv"
    size = len(base.encode("utf-8"))
    if size > MAX_FILE_NAME_BYTES:
        raise MalformedRequest(
            f"file {number}'s name is {size} bytes long; at most {MAX_FILE_NAME_BYTES} are "
            f"allowed: rename {base[:40]}…"
        )
    return base
