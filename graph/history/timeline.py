"""The state of facts at a past moment, from the present state and the events since (pure).

Each change event carries its fact's whole value before and after (:mod:`graph.history.facts`).
Undoing the events after a moment, newest first, puts back each fact's ``before``; per fact, the
last one put back is the ``before`` of the *first* event after the moment, so the state at the
moment is the present state with, for each fact changed since, that first ``before``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.history.facts import FactKey

__all__ = ["state_at"]


def state_at(
    present: Mapping[FactKey, Any], undone: Iterable[tuple[FactKey, Any]]
) -> dict[FactKey, Any]:
    """``present`` with each ``(key, before)`` of the first event after the moment put back.

    ``undone`` holds one pair per fact changed since the moment; a ``before`` of ``None`` means
    the fact did not exist then, so it is left out.

    >>> now = {("level", "ann"): 5, ("person", "bob"): {"name": "Bob"}}
    >>> past = state_at(now, [(("level", "ann"), 4), (("person", "bob"), None)])
    >>> past
    {('level', 'ann'): 4}
    >>> state_at({}, [(("person", "cy"), {"name": "Cy"})])
    {('person', 'cy'): {'name': 'Cy'}}
    """
    state = dict(present)
    for key, before in undone:
        if before is None:
            state.pop(key, None)
        else:
            state[key] = before
    return state
