"""Saved views of a deal: what a team's map shows, kept under the workspace by name."""

from __future__ import annotations

import json
from typing import Annotated, Any, Final

from pydantic import StringConstraints, field_validator

from graph.model.common import Key, Model

__all__ = [
    "MAX_VIEWS_PER_DEAL",
    "MAX_VIEW_BYTES",
    "MAX_VIEW_NAME",
    "SavedViewIn",
    "compact",
    "view_id",
]

MAX_VIEW_NAME: Final = 100
"""Characters in a view's name: a label in a list, not a note."""
MAX_VIEW_BYTES: Final = 65_536
"""Bytes of a view's state as compact JSON: room for hundreds of moved cards and ties."""
MAX_VIEWS_PER_DEAL: Final = 100
"""Views one deal keeps; a team past that deletes before it saves more."""

ViewName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_VIEW_NAME)
]


class SavedViewIn(Model):
    """A named view of a deal; ``state`` is the page's own (filters, what-if, cards, viewport)."""

    deal_id: Key
    name: ViewName
    state: dict[str, Any]

    @field_validator("state")
    @classmethod
    def _small(cls, state: dict[str, Any]) -> dict[str, Any]:
        size = len(compact(state).encode())
        if size > MAX_VIEW_BYTES:
            raise ValueError(
                f"a view holds at most {MAX_VIEW_BYTES:,} bytes of JSON, this one {size:,}: "
                "show fewer people or move fewer cards"
            )
        return state


def compact(state: dict[str, Any]) -> str:
    """``state`` as the JSON text stored (no spaces, keys as given)."""
    return json.dumps(state, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def view_id(deal_id: str, name: str) -> str:
    """The stored id of view ``name`` of deal ``deal_id``: one per name, ordered by name.

    >>> view_id("fleet-2027", "For the CFO")
    'fleet-2027/For the CFO'
    """
    return f"{deal_id}/{name}"
