"""What changed between two moments, as a CSV or JSON file (``GET .../changes``).

One row per fact that differs (:func:`graph.repository.history.changes_between`): its kind,
the fact and the ids it joins, and its value before and after as JSON text (empty: absent).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Literal

from graph.history.facts import Change, dump_value
from graph.imports.formats import neutralise_formula

__all__ = ["CHANGE_COLUMNS", "ChangeFormat", "changes_csv", "changes_json"]

ChangeFormat = Literal["csv", "json"]

CHANGE_COLUMNS = ("kind", "fact", "first_id", "second_id", "third_id", "before", "after")
"""The CSV's columns: a fact's key is its name and up to three ids (an edge: source, target)."""


def _record(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "fact": change.key[0],
        "key": list(change.key),
        "before": change.before,
        "after": change.after,
    }


def changes_json(changes: Sequence[Change]) -> str:
    """The changes as a JSON document: ``{"changes": [{kind, fact, key, before, after}]}``."""
    return json.dumps({"changes": [_record(c) for c in changes]}, indent=1, sort_keys=True) + "\n"


def changes_csv(changes: Sequence[Change]) -> str:
    """The changes as CSV text, a header then one row per change (cells safe in a spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CHANGE_COLUMNS)
    for change in changes:
        ids = [*change.key[1:], "", "", ""][:3]
        cells = [
            change.kind.value,
            change.key[0],
            *ids,
            dump_value(change.before) or "",
            dump_value(change.after) or "",
        ]
        writer.writerow([neutralise_formula(c) for c in cells])
    return out.getvalue()
