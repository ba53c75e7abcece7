"""Relay global ids ("Type:key" in base64) and the keys behind them."""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

from strawberry import relay

__all__ = ["cursor_for", "key_from_cursor", "key_of"]


@lru_cache(maxsize=16384)
def key_of(value: str, type_name: str) -> str:
    """The local key an input means: a global id of ``type_name`` decoded, else the value as is.

    Lenient on purpose: CSV and CRM tools hold keys, GraphQL clients hold global ids. Kept for
    the ids asked for most: decoding fails with an exception for every plain key, which costs
    more than the lookup.
    """
    try:
        gid = relay.GlobalID.from_id(value)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return value
    return gid.node_id if gid.type_name == type_name else value


def cursor_for(key: str) -> str:
    """An opaque cursor for the item with local ``key`` (pages are ordered by key)."""
    return base64.b64encode(f"cursor:{key}".encode()).decode()


def key_from_cursor(cursor: str | None) -> str | None:
    """The key a cursor stands for; a cursor that is not ours reads as an unknown key."""
    if cursor is None:
        return None
    try:
        text = base64.b64decode(cursor, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return cursor
    return text.removeprefix("cursor:")
