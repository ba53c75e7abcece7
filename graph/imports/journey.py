"""Deal journey history in CSV: dated stage changes of buying-centre members (``journey.csv``).

A row says that a member of a deal's buying centre reached ``stage`` at ``at``. Its identity is
(deal, person, stage, moment): one person cannot reach the same stage of the same deal twice at
the same moment, so a CRM's stage history needs no id column of ours, an exported history
imports back unchanged and the same file imported twice gives the same events. An event already
stored with that identity (also one recorded through the API, with a random id) is updated, not
duplicated; a new one gets an id derived from the identity (:func:`event_id`).

``at`` is an ISO 8601 date (midnight UTC) or date and time; a time without an offset is UTC.
Moments are stored as UTC date-times, as the API stores them, and exported as a date when they
fall on midnight UTC, else as ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` (:func:`format_instant`).

The member's current stage (``IN_BUYING_CENTRE.stage``) follows the history as
``deals/record_stage`` keeps it: a member with events has their latest event's stage (by
``at``, then event id), whatever ``journey_stage`` says in ``buying_centre.csv``; that column
sets the stage only of members without history. The import restores it after every batch of
either file (:data:`SETTLE_STAGES`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from typing import Any, Final

from graph.database.store import Store
from graph.imports.reader import SourceFile
from graph.model.common import as_utc

__all__ = [
    "SETTLE_STAGES",
    "STAGE_KINDS",
    "MemberLookup",
    "event_id",
    "format_instant",
    "journey_problems",
    "members_of",
    "parse_instant",
    "stored_members",
    "to_event",
]

MemberLookup = Callable[[set[tuple[str, str]]], set[tuple[str, str]]]
"""(deal id, person id) pairs -> those that are buying-centre members in the workspace."""

STAGE_KINDS: Final = frozenset({"buying_centre", "journey"})
"""Kinds whose written batches change members' stages, so that they are settled after."""

SETTLE_STAGES: Final = "import/journey_settle"
"""Sets each member (``row[0]`` deal, ``row[1]`` person) to their latest stage; see
:func:`members_of`."""

_LOOKUP_CHUNK = 50_000


def parse_instant(value: str) -> dt.datetime:
    """``value`` as a UTC date-time; a date is its midnight, no offset means UTC.

    >>> parse_instant("2024-03-01"), parse_instant("2024-03-01T10:15:00+01:00")
    (datetime.datetime(2024, 3, 1, 0, 0, tzinfo=datetime.timezone.utc), \
datetime.datetime(2024, 3, 1, 9, 15, tzinfo=datetime.timezone.utc))
    """
    return as_utc(dt.datetime.fromisoformat(value))


def format_instant(value: dt.datetime | dt.date) -> str:
    """``value`` as ``journey.csv`` writes it: a date at midnight UTC, else a UTC date-time.

    >>> format_instant(parse_instant("2024-03-01"))
    '2024-03-01'
    >>> format_instant(parse_instant("2024-03-01 10:05:30.25+01:00"))
    '2024-03-01T09:05:30.250000Z'
    """
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    moment = as_utc(value)
    if moment.time() == dt.time():
        return moment.date().isoformat()
    spec = "microseconds" if moment.microsecond else "seconds"
    return moment.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def event_id(deal_id: str, person_id: str, stage: str, at: dt.datetime) -> str:
    """The id of an imported event, derived from its identity (deal ids are global)."""
    identity = "\x1f".join((deal_id, person_id, stage, format_instant(at)))
    return "je-" + hashlib.sha256(identity.encode()).hexdigest()[:32]


def to_event(r: list[str]) -> list[Any]:
    """A validated row as the parameters of ``import/journey``: its columns, then the id."""
    deal_id, person_id, stage, at, note = r
    moment = parse_instant(at)
    return [
        deal_id,
        person_id,
        stage,
        moment,
        note or None,
        event_id(deal_id, person_id, stage, moment),
    ]


def members_of(batch: Iterable[Any]) -> list[list[Any]]:
    """The distinct (deal, person) pairs of a batch of buying centre or journey rows, in order.

    A member's several events in one batch are settled once.

    >>> members_of([["D1", "P1", "trust"], ["D1", "P1", "awareness"], ["D1", "P2", "trust"]])
    [['D1', 'P1'], ['D1', 'P2']]
    """
    return [list(pair) for pair in dict.fromkeys((row[0], row[1]) for row in batch)]


Accepted = tuple[tuple[str, ...], SourceFile, int]
"""A row that passed the column checks: its key, its file and its row number."""


def journey_problems(
    events: Iterable[Accepted], members_in_files: set[tuple[str, str]], stored: MemberLookup
) -> list[tuple[SourceFile, int, str, str]]:
    """(file, row, column, reason) for each event of a non-member, or a repeated moment.

    ``events`` are the accepted journey rows, keyed (deal, person, stage, at);
    ``members_in_files`` the accepted (deal, person) rows of the buying-centre files; the rest
    are looked up with ``stored``. A second row with the same moment written differently
    (``2024-03-01`` and ``2024-03-01T00:00:00Z``) is a duplicate, as one spelled the same is.
    """
    problems: list[tuple[SourceFile, int, str, str]] = []
    first: dict[tuple[str, str, str, dt.datetime], tuple[str, int]] = {}
    unknown: list[tuple[tuple[str, str], SourceFile, int]] = []
    for (deal_id, person_id, stage, at), source, number in events:
        identity = (deal_id, person_id, stage, parse_instant(at))
        if identity in first:
            file, row = first[identity]
            reason = f"duplicate row: the same stage at the same moment as row {row} of {file}"
            problems.append((source, number, _column(source, "at"), reason))
            continue
        first[identity] = (source.path.name, number)
        if (deal_id, person_id) not in members_in_files:
            unknown.append(((deal_id, person_id), source, number))
    found = stored({pair for pair, _, _ in unknown}) if unknown else set()
    for (deal_id, person_id), source, number in unknown:
        if (deal_id, person_id) not in found:
            reason = (
                f"person {person_id!r} is not in the buying centre of deal {deal_id!r}, neither "
                "in the files nor in the workspace; add them in buying_centre.csv first"
            )
            problems.append((source, number, _column(source, "person_id"), reason))
    return problems


def _column(source: SourceFile, ours: str) -> str:
    return source.projection("journey").source_column(ours)


async def stored_members(
    store: Store, workspace: str, pairs: set[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Of ``pairs`` (deal id, person id), those that are members in ``workspace``."""
    listed = sorted(pairs)
    found: set[tuple[str, str]] = set()
    scoped = store.workspace(workspace)
    for start in range(0, len(listed), _LOOKUP_CHUNK):
        chunk = [list(p) for p in listed[start : start + _LOOKUP_CHUNK]]
        rows = await scoped.read("import/journey_members", {"pairs": chunk})
        found.update((r["deal_id"], r["person_id"]) for r in rows)
    return found
