"""The validation pass: every bad row of every file, with its row number, column and reason.

Nothing here touches the database. The checks that need it (does a referenced id exist in the
workspace? is a file's id taken by another workspace?) are asked of the caller through the
``known`` and ``foreign`` arguments, kind by kind, so that a row rejected for any reason also
rejects the rows that depend on it (a person whose organisation is unknown takes their
reporting lines and influence edges with them) and no edge is ever dropped silently.

Row numbers are 1-based with the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, cast

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from graph.errors import id_taken
from graph.imports.formats import FORMATS, ID_PATTERN, KIND_ORDER, LIST_SEPARATOR, Column
from graph.imports.journey import Accepted, MemberLookup, journey_problems, parse_instant
from graph.imports.reader import ImportFileError, SourceFile
from graph.repository.sides import Sides
from graph.rules.integrity import (
    duplicate_problem,
    email_problem,
    knows_problem,
    likely_same_person,
    member_problem,
    name_key,
    reporting_cycle,
)
from graph.rules.merging import MERGE, merge_values

__all__ = ["Duplicates", "Issue", "ValidationReport", "merge_lines", "validate"]


class Duplicates(StrEnum):
    """What an import does with a likely duplicate person (same name, same organisation,
    another id than a person of the workspace or an earlier row of the files)."""

    HOLD = "hold"
    """Write nothing of the row, and report it as a problem (the import is refused)."""
    KEEP = "keep"
    """Write both people."""
    SKIP = "skip"
    """Leave the row, and the rows that refer to its person, out; the rest is written."""
    MERGE = "merge"
    """Merge the row into the other person: its id becomes their alias in the workspace (rows
    naming either id, now or in later imports, mean them), values they lack are filled, and
    values that differ are kept and reported per field."""


_INT = re.compile(r"^-?\d+$")
Lookup = Callable[[str, set[str]], set[str]]
"""(kind, ids) -> those of ``ids`` that exist in the workspace."""
SideLookup = Callable[[set[str], set[str], set[str]], Sides]
"""(people, deals, organisations) -> where they stand in the workspace
(:func:`graph.repository.sides.read_sides`)."""
Targets = Callable[[set[str]], list[dict[str, Any]]]
"""people -> their stored values (``id``, ``organisation_id`` and the merged fields of
:data:`_MERGED`), for the people rows are merged into."""
Namesakes = Callable[[set[str]], list[dict[str, Any]]]
"""organisations -> the workspace's people working there (``id``, ``name``, ``email``,
``organisation_id``), for the check of likely duplicates."""
StoredTies = Callable[[set[str]], dict[str, tuple[list[str], bool]]]
"""people -> the deals each is a buying-centre member of in the workspace, and whether they
know anyone there (the ties a move to another side is checked against)."""
_SIDE_COLUMN = {"organisations": "kind", "people": "organisation_id", "deals": "organisation_id"}
"""Per node kind, the column that says which side a row is on (:mod:`graph.rules.integrity`)."""
_NOUN = {"organisations": "organisation", "people": "person", "deals": "deal"}


class _Tie(NamedTuple):
    """A row that the side rules check: a knows tie, or a buying-centre member."""

    kind: str
    source: SourceFile
    row: int
    person: str
    deal: str


class _Ref(NamedTuple):
    """A reference to look up: where it is, the id it names, and the row's own id."""

    source: SourceFile
    row: int
    column: str
    value: str
    own_id: str | None


@dataclass(frozen=True, order=True)
class Issue:
    """One problem: where (file, row, column) and why, in words a user can act on."""

    file: str
    row: int
    column: str
    reason: str


@dataclass(frozen=True)
class Note:
    """One message about many rows: what they share, and what to do about it."""

    file: str
    column: str
    rows: int
    message: str


@dataclass
class ValidationReport:
    """What the validation found, and which rows the write pass must skip."""

    issues: list[Issue] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    """Issues of many rows with one cause, told once (each row is among ``issues`` too)."""
    good_rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FORMATS, 0))
    skip: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    repeats: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    failed_files: set[str] = field(default_factory=set)
    partial: set[tuple[str, int]] = field(default_factory=set)
    """(file, row) of the rows with an issue whose other part is written."""
    duplicates: list[dict[str, object]] = field(default_factory=list)
    """Each likely duplicate: file, row, id, name, the other's id and name, and what was done;
    a merged one also the person it was merged into, the file's columns it filled, and those
    whose values differ (``column``, ``kept``, ``incoming``), which are left as they were."""
    merges: list[dict[str, Any]] = field(default_factory=list)
    """The merges to write: the person (``id``), the ``alias``, their ``organisation_id``, the
    columns to ``fill`` (our column names, text), and the ``file`` and ``row``."""

    @property
    def ok(self) -> bool:
        """True when there is nothing to report."""
        return not self.issues

    @property
    def bad_row_count(self) -> int:
        """Distinct (file, row) pairs with at least one issue."""
        return len({(i.file, i.row) for i in self.issues})

    @property
    def skipped_row_count(self) -> int:
        """Rows with an issue of which nothing is written."""
        return len({(i.file, i.row) for i in self.issues} - self.partial)

    def skipped(self, source: SourceFile, kind: str) -> set[int]:
        """Rows of ``source`` not to write as ``kind`` (rejected, or repeats of a distinct key)."""
        key = (str(source.path), kind)
        return self.skip.get(key, set()) | self.repeats.get(key, set())

    def as_dict(self) -> dict[str, object]:
        """The report as JSON-ready data."""
        return {
            "ok": self.ok,
            "good_rows": self.good_rows,
            "bad_rows": self.bad_row_count,
            "skipped_rows": self.skipped_row_count,
            "partial_rows": len(self.partial),
            "duplicates": self.duplicates,
            "notes": [
                {"file": n.file, "column": n.column, "rows": n.rows, "message": n.message}
                for n in self.notes
            ],
            "issues": [
                {
                    "file": i.file,
                    "row": i.row,
                    "column": i.column,
                    "reason": i.reason,
                    "rest_written": (i.file, i.row) in self.partial,
                }
                for i in sorted(self.issues)
            ],
        }


_SHOWN_IDS = 5
_PERSON_COLUMNS = FORMATS["people"].column_names
_PERSON_AT = tuple(
    _PERSON_COLUMNS.index(c) for c in ("id", "first_name", "last_name", "email", "organisation_id")
)
_LAST_NAME = _PERSON_COLUMNS.index("last_name")
_ALIASES = _PERSON_COLUMNS.index("aliases")


def _unknown_ids(source: SourceFile, column: str, kind: str, values: list[str]) -> str:
    """The note for ``values``, the unknown ids of ``kind`` in ``column`` of ``source``."""
    ids = sorted(set(values))
    shown = ", ".join(ids[:_SHOWN_IDS]) + (
        f" and {len(ids) - _SHOWN_IDS} more" if len(ids) > _SHOWN_IDS else ""
    )
    rows = "1 row names" if len(values) == 1 else f"{len(values)} rows name"
    what = f"{_NOUN[kind]} id" if len(ids) == 1 else f"{len(ids)} {_NOUN[kind]} ids"
    fix = f"add {source.mapping.companion(kind)} to the same import"
    if kind == "organisations":
        fix += (
            ", or map each id to an organisation of the workspace (organisation map "
            f"{ids[0]}=<organisation id>)"
        )
    return (
        f"{rows} {what} in {column} found neither in the files nor in the workspace "
        f"({shown}): {fix}"
    )


def _refers_to_rejected(
    noun: str, value: str, where: tuple[str, int], file_name: str, number: int
) -> str:
    """Why a row naming a rejected node is rejected too, in words that say which row to fix."""
    file, row = where
    if (file, row) == (file_name, number):  # a CRM row giving a person and their manager
        return f"left out with this row's {noun} {value!r}, which is rejected"
    return f"refers to {noun} {value!r}, whose own row ({row} of {file}) is rejected"


def _value_problem(column: Column, value: str) -> str | None:
    """Why ``value`` does not fit ``column``, or None."""
    if not value:
        return "required value is empty" if column.required else None
    kind = column.type
    if kind == "id" and not ID_PATTERN.match(value):
        return f"{value!r} is not a valid id (letters, digits and _.:@-, at most 128)"
    if kind == "int" and not _INT.match(value):
        return f"{value!r} is not a whole number"
    if kind == "unit":
        try:
            number = float(value)
        except ValueError:
            return f"{value!r} is not a number"
        if not 0.0 <= number <= 1.0:
            return f"{value} is out of range; use a number from 0 to 1"
    if kind == "level" and (not _INT.match(value) or not 1 <= int(value) <= 7):
        return f"{value!r} is not a status level; use 1 (individual contributor) to 7 (board)"
    if kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date; use YYYY-MM-DD"
    if kind == "datetime":
        try:
            parse_instant(value)
        except ValueError:
            return f"{value!r} is not a date or time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS"
    if kind == "email":
        return email_problem(value)
    if kind == "enum" and value not in column.choices:
        return f"{value!r} is not one of {', '.join(column.choices)}"
    if kind == "enums":
        unknown = [v for v in value.split(LIST_SEPARATOR) if v.strip() not in column.choices]
        if unknown:
            return f"{', '.join(map(repr, unknown))} not among {', '.join(column.choices)}"
    return None


def _is_unit(value: str) -> bool:
    try:
        return 0.0 <= float(value) <= 1.0
    except ValueError:
        return False


def _passes(column: Column) -> Callable[[str], bool]:
    """A quick test that a non-empty value fits ``column`` (a million rows each take it).

    It may only say yes where :func:`_value_problem` finds nothing; values it does not pass go
    to :func:`_value_problem` for the reason.
    """
    kind = column.type
    if kind == "id":
        return lambda v: ID_PATTERN.match(v) is not None
    if kind == "int":
        return lambda v: _INT.match(v) is not None
    if kind == "unit":
        return _is_unit
    if kind == "level":
        return frozenset("1234567").__contains__
    if kind == "enum":
        return frozenset(column.choices).__contains__
    if kind == "email":
        return lambda v: email_problem(v) is None
    if kind in ("text", "list"):
        return bool
    return lambda _v: False


class _Person(NamedTuple):
    """A person row of the files, as the check of likely duplicates compares them."""

    id: str
    name: str
    email: str
    source: SourceFile
    row: int
    values: tuple[str, ...] = ()


_MERGED = ("title", "department", "email", "level", "needs", "tags")
"""The person columns a merge fills where the person lacks them, and reports where they differ
(:data:`graph.rules.merging.MERGE`; name and organisation are the same by the check of likely
duplicates)."""


def _same(column: str, a: str, b: str) -> bool:
    """Whether two values of a person column say the same (lists as sets, email in any case)."""
    if column in ("needs", "tags"):
        return {v.strip() for v in a.split(LIST_SEPARATOR)} == {
            v.strip() for v in b.split(LIST_SEPARATOR)
        }
    return a.casefold() == b.casefold() if column == "email" else a == b


def _as_text(column: str, value: object) -> str:
    """A stored person value as the import's text."""
    if value is None:
        return ""
    if column in ("needs", "tags") and isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


@dataclass
class _Merge:
    """A person row merged into another person: the row, its report entry, and the target."""

    person: _Person
    target: str
    entry: dict[str, object]
    target_row: _Person | None = None
    """The target's row in the files, or ``None`` for a person of the workspace."""


class _Validation:
    def __init__(
        self,
        foreign: dict[str, dict[str, str]],
        stored_lines: Iterable[tuple[str, str]],
        duplicates: Duplicates | None,
        aliases: dict[str, str],
    ) -> None:
        self.report = ValidationReport()
        # Person aliases -> their people: the workspace's, and those this import merges (the
        # mapping the files read references through, SourceFile.people).
        self.aliases = aliases
        self.stored_aliases = frozenset(aliases)
        self.merges: list[_Merge] = []
        self.merged_rows: dict[tuple[str, int], _Merge] = {}  # (file path, row) -> its merge
        self.merged_at: set[tuple[str, int]] = set()  # (file name, row) of the merged rows
        self.foreign = foreign
        self.stored_lines = list(stored_lines)
        self.valid: dict[str, set[str]] = {}  # node kind -> ids of accepted rows
        # node kind -> id -> (file, row) where it was rejected
        self.rejected: dict[str, dict[str, tuple[str, int]]] = {}
        self.rows: dict[str, int] = dict.fromkeys(FORMATS, 0)  # rows read per kind
        self.members: set[tuple[str, str]] = set()  # (deal, person) of buying centre rows
        # Node kind -> id -> its side column (an organisation's kind, where a person works,
        # whom a deal is for), of accepted rows; and the rows the side rules look at.
        self.sides: dict[str, dict[str, str]] = {k: {} for k in _SIDE_COLUMN}
        self.ties: list[_Tie] = []
        self.placed: dict[str, tuple[SourceFile, int]] = {}  # person -> row giving their org
        # (name key, organisation) -> the first person row of the files with them
        self.named: dict[tuple[str, str], _Person] | None = (
            None if duplicates in (None, Duplicates.KEEP) else {}
        )
        self.duplicates = duplicates
        self.dropped: dict[str, dict[str, object]] = {}  # person skipped -> their report entry
        self.events: list[Accepted] = []  # journey rows that passed the column checks
        # Accepted person rows listing aliases: (file, row, person, aliases).
        self.listed: list[tuple[SourceFile, int, str, list[str]]] = []

    def _known(self, kind: str) -> Callable[[str], bool]:
        """The quick test of a reference: an accepted id of ``kind`` (others are checked)."""
        return self.valid.setdefault(kind, set()).__contains__

    def _bad(self, source: SourceFile, kind: str, row: int, column: str, reason: str) -> None:
        self.report.issues.append(Issue(source.path.name, row, column, reason))
        self.report.skip.setdefault((str(source.path), kind), set()).add(row)

    def scan(self, kind: str, sources: list[SourceFile]) -> dict[str, list[_Ref]]:
        """Check every row of ``kind``; return the references still to look up, per kind."""
        fmt = FORMATS[kind]
        names = fmt.column_names
        is_node = fmt.key == ("id",)
        key_at = [names.index(k) for k in fmt.key]
        key_of = operator.itemgetter(*key_at)  # an id for a node, a tuple of ids for an edge
        checked = [
            (i, c, self._known(c.ref) if c.ref else _passes(c))
            for i, c in enumerate(fmt.columns)
            if c.required or c.type != "text"
        ]
        refs = [(i, c.ref) for i, c in enumerate(fmt.columns) if c.ref]
        seen: dict[Any, tuple[str, int]] = {}
        pending: dict[str, list[_Ref]] = {}
        valid = self.valid.setdefault(kind, set()) if is_node else set()
        side_at = names.index(_SIDE_COLUMN[kind]) if kind in _SIDE_COLUMN else None
        side_of = self.sides.get(kind, {})
        rejected = self.rejected.setdefault(kind, {}) if is_node else {}
        foreign = self.foreign.get(kind, {})
        edges: list[tuple[str, str, SourceFile, int]] = []
        for source in sources:
            projection = source.projection(kind)
            col = [projection.source_column(n) for n in names]
            missing = projection.missing_columns(source.header)
            if missing:
                for name in missing:
                    self._bad(source, kind, 1, name, f"required column {name!r} is missing")
                continue
            file_name = source.path.name
            for number, row, extra in source.rows(kind):
                self.rows[kind] += 1
                problems: list[tuple[str, str]] = []
                if extra:
                    problems.append(("", "more values than the header has columns"))
                for i, column, passes in checked:
                    value = row[i]
                    if value and passes(value):
                        continue
                    problem = _value_problem(column, value)
                    if problem:
                        problems.append((col[i], problem))
                key = key_of(row)
                if not problems:
                    if not is_node and row[key_at[0]] == row[key_at[1]]:
                        problems.append((col[key_at[1]], "an edge needs two different ends"))
                    elif key in seen:
                        # A merged row restating its person's line says nothing new.
                        merged = {(file_name, number), seen[key]} & self.merged_at
                        if projection.distinct or (merged and kind == "reporting"):
                            repeats = self.report.repeats
                            repeats.setdefault((str(source.path), kind), set()).add(number)
                            continue
                        file, first = seen[key]
                        same = " + ".join(col[k] for k in key_at)
                        reason = f"duplicate row: same {same} as row {first} of {file}"
                        problems.append((col[key_at[-1]], reason))
                    elif kind == "people" and key in self.stored_aliases:
                        target = self.aliases[key]
                        said = "already in the workspace, with this id as an alias"
                        email = row[_PERSON_AT[3]]
                        here = _Person(key, self._name(row), email, source, number, tuple(row))
                        self._merge(source, number, here, target, "", said, None)
                        continue
                    elif is_node and key in foreign:
                        problems.append((col[0], id_taken(f"{_NOUN[kind]} id {key!r}")))
                    elif kind == "people" and self.named is not None:
                        twin = self._twin(row, source, number)
                        if twin is not None:
                            self._duplicate(source, number, col[_LAST_NAME], *twin)
                            continue
                    if self.dropped and not is_node and self._drops(source, kind, number, row):
                        continue
                own = key if is_node else None
                for i, ref in refs:
                    value = row[i]
                    if not value or problems or value in self.valid[ref]:
                        continue
                    where = self.rejected[ref].get(value)
                    if where is not None:
                        reason = _refers_to_rejected(_NOUN[ref], value, where, file_name, number)
                        problems.append((col[i], reason))
                    else:
                        ref_row = _Ref(source, number, col[i], value, own)
                        pending.setdefault(ref, []).append(ref_row)
                if problems:
                    for column_name, reason in problems:
                        self._bad(source, kind, number, column_name, reason)
                    if is_node and key and key not in valid:
                        rejected.setdefault(key, (file_name, number))
                    continue
                seen[key] = (file_name, number)
                if is_node:
                    valid.add(key)
                    if side_at is not None:
                        side_of[key] = row[side_at]
                        if kind == "people":
                            self.placed[key] = (source, number)
                            if row[_ALIASES]:
                                listed = row[_ALIASES].split(LIST_SEPARATOR)
                                aliases = [a.strip() for a in listed if a.strip()]
                                self.listed.append((source, number, key, aliases))
                elif kind == "reporting":
                    edges.append((row[0], row[1], source, number))
                elif kind == "knows":
                    self.ties.append(_Tie(kind, source, number, row[0], ""))
                elif kind == "buying_centre":
                    self.members.add(key)
                    self.ties.append(_Tie(kind, source, number, row[1], row[0]))
                elif kind == "journey":
                    self.events.append((key, source, number))
        if edges and self.merged_rows:
            edges = self._merged_managers(edges)
        if edges:
            self._cycles(edges)
        return pending

    def _twin(
        self, row: list[str], source: SourceFile, number: int
    ) -> tuple[_Person, str, str, str] | None:
        """A person row that is a likely duplicate of an earlier one: the row, the other's id,
        the other's name and where the other is; or ``None``."""
        assert self.named is not None
        person_id, first, last, email, org = (row[i] for i in _PERSON_AT)
        if not org:
            return None  # nothing to tell namesakes apart by
        here = _Person(person_id, f"{first} {last}".strip(), email, source, number, tuple(row))
        first_row = self.named.setdefault((name_key(first, last), org), here)
        if first_row.id == person_id or not likely_same_person(
            email, first_row.email, same_name=True, same_organisation=True
        ):
            return None
        where = f"row {first_row.row} of {first_row.source.path.name}"
        return here, first_row.id, first_row.name, where

    def _duplicate(
        self,
        source: SourceFile,
        number: int,
        column: str,
        person: _Person,
        other_id: str,
        other_name: str,
        where: str,
    ) -> None:
        """Hold back, skip or merge the likely duplicate ``person`` of ``other_id``, and report
        it."""
        if self.duplicates is Duplicates.MERGE:
            target_row = self.named.get(self._key_of(person)) if self.named else None
            if target_row is not None and target_row.id != other_id:
                target_row = None  # a person of the workspace
            self._merge(source, number, person, other_id, other_name, where, target_row)
            return
        action = "skipped" if self.duplicates is Duplicates.SKIP else "held"
        entry: dict[str, object] = {
            "file": source.path.name,
            "row": number,
            "id": person.id,
            "name": person.name,
            "other_id": other_id,
            "other_name": other_name,
            "where": where,
            "action": action,
            "rows_left_out": 0,
        }
        self.report.duplicates.append(entry)
        if action == "skipped":
            self.report.skip.setdefault((str(source.path), "people"), set()).add(number)
            self.dropped[person.id] = entry
            return
        self._bad(source, "people", number, column, duplicate_problem(person.id, other_id, where))
        self.rejected["people"].setdefault(person.id, (source.path.name, number))

    @staticmethod
    def _name(row: list[str]) -> str:
        return f"{row[_PERSON_AT[1]]} {row[_PERSON_AT[2]]}".strip()

    @staticmethod
    def _key_of(person: _Person) -> tuple[str, str]:
        return name_key(person.name), person.values[_PERSON_AT[4]] if person.values else ""

    def _merge(
        self,
        source: SourceFile,
        number: int,
        person: _Person,
        target: str,
        target_name: str,
        where: str,
        target_row: _Person | None,
    ) -> None:
        """Merge the row of ``person`` into ``target``: not written as a person of its own, its
        id read as ``target`` from here on; what it fills and where it differs is worked out
        by :meth:`merged`."""
        entry: dict[str, object] = {
            "file": source.path.name,
            "row": number,
            "id": person.id,
            "name": person.name,
            "other_id": target,
            "other_name": target_name,
            "where": where,
            "action": "merged",
            "merged_into": target,
            "filled": [],
            "conflicts": [],
            "rows_left_out": 0,
        }
        self.report.duplicates.append(entry)
        self.report.skip.setdefault((str(source.path), "people"), set()).add(number)
        self.aliases[person.id] = target
        merge = _Merge(person, target, entry, target_row)
        self.merges.append(merge)
        self.merged_rows[(str(source.path), number)] = merge
        self.merged_at.add((source.path.name, number))

    def merged(self, lookup: Lookup, targets: Targets) -> None:
        """Settle the merges of the people rows: refuse an alias that is another person's id
        (or whose target's row is rejected), and work out per merge the values it fills and
        those that differ from the target's (kept, and reported per field), row by row in
        file order: a value a row fills is what a later row merged into the same person is
        compared with."""
        if not self.merges:
            return
        self._follow_chains()
        self.merges.sort(key=lambda m: (m.person.source.path.name, m.person.row))
        taken = lookup("people", {m.person.id for m in self.merges})
        valid = self.valid.get("people", set())
        stored_targets = {m.target for m in self.merges if m.target_row is None}
        found = {t["id"]: t for t in targets(stored_targets)} if stored_targets else {}
        names = FORMATS["people"].column_names
        # Per person merged into: the values earlier merges of these files filled, and from
        # which row, so that a later row disagreeing is reported, not written over them.
        filled: dict[str, dict[str, tuple[str, str]]] = {}
        for merge in self.merges:
            person, entry = merge.person, merge.entry
            projection = person.source.projection("people")
            id_column = projection.source_column("id")
            problem = None
            if person.id in taken or person.id in valid:
                problem = (
                    f"{person.id!r} is the id of another person of the workspace; it cannot "
                    f"also stand for {merge.target!r} (ids and aliases are one set)"
                )
            elif merge.target_row is not None and merge.target not in valid:
                at = self.rejected.get("people", {}).get(merge.target, ("", 0))
                problem = _refers_to_rejected(
                    "person", merge.target, at, person.source.path.name, person.row
                )
            elif merge.target_row is None and merge.target not in found:
                problem = f"{merge.target!r}, to merge into, is not a person of the workspace"
            if problem is not None:
                del self.aliases[person.id]
                entry["action"] = "held"
                del entry["merged_into"]
                self._bad(person.source, "people", person.row, id_column, problem)
                if person.id not in taken:  # rows naming it are told why it is not there
                    where = (person.source.path.name, person.row)
                    self.rejected["people"].setdefault(person.id, where)
                continue
            if merge.target_row is not None:
                have = dict(zip(names, merge.target_row.values, strict=True))
            else:
                stored = found[merge.target]
                have = {c: _as_text(c, stored.get(c)) for c in (*_MERGED, "organisation_id")}
                entry["other_name"] = entry["other_name"] or stored.get("name") or ""
            earlier = filled.setdefault(merge.target, {})
            have |= {c: value for c, (value, _) in earlier.items()}
            incoming = dict(zip(names, person.values, strict=True)) if person.values else {}
            conflicts = cast(list[dict[str, str]], entry["conflicts"])
            moved, works_at = incoming.get("organisation_id", ""), have.get("organisation_id", "")
            if moved and works_at and moved != works_at:  # a row under an alias moving them
                column = projection.source_column("organisation_id")
                conflicts.append({"column": column, "kept": works_at, "incoming": moved})
            merged = merge_values(have, incoming, MERGE, _MERGED, _same)
            fill = merged.write
            for column in merged.filled:
                cast(list[str], entry["filled"]).append(projection.source_column(column))
                earlier[column] = (fill[column], f"row {person.row} of {person.source.path.name}")
            for column, kept, value in merged.differing:
                name = projection.source_column(column)
                conflict = {"column": name, "kept": kept, "incoming": value}
                if column in earlier:  # filled by another row merged into the same person
                    conflict["kept_from"] = earlier[column][1]
                conflicts.append(conflict)
            self.report.merges.append(
                {
                    "id": merge.target,
                    "alias": person.id,
                    "organisation_id": have.get("organisation_id") or None,
                    "fill": fill,
                    "file": person.source.path.name,
                    "row": person.row,
                }
            )

    def _follow_chains(self) -> None:
        """Merge into the end of a chain: a row merged into an earlier row of the files that is
        itself merged into a person of the workspace merges into that person (its id is their
        alias too), not into an id that stands for no one."""
        by_alias = {m.person.id: m for m in self.merges}
        for merge in self.merges:
            seen = {merge.person.id}
            end = by_alias.get(merge.target)
            while end is not None and end.person.id not in seen:
                seen.add(end.person.id)
                merge.target, merge.target_row = end.target, end.target_row
                end = by_alias.get(merge.target)
            if merge.entry["merged_into"] != merge.target:
                merge.entry["merged_into"] = merge.target
                self.aliases[merge.person.id] = merge.target

    def _merged_managers(
        self, edges: list[tuple[str, str, SourceFile, int]]
    ) -> list[tuple[str, str, SourceFile, int]]:
        """The reporting lines to write, less those of merged rows that would give their person
        another manager (a CRM contact's ``ReportsToId``): each is reported as a conflict of its
        merge, naming the file's column and both managers, and the person keeps the manager
        they have (stored, given by their own row, or by the first row merged into them).

        A person with no manager takes the merged row's; a second line is added only where
        the files give it under the person's own id (a reporting file's row), not through a
        merge.
        """
        merged = {at: m for at, m in self.merged_rows.items() if m.entry.get("action") == "merged"}
        managers: dict[str, list[str]] = {m.target: [] for m in merged.values()}
        if not managers:
            return edges
        for person, manager in self.stored_lines:
            if person in managers:
                managers[person].append(manager)
        for person, manager, source, number in edges:
            if person in managers and (str(source.path), number) not in merged:
                managers[person].append(manager)
        kept: list[tuple[str, str, SourceFile, int]] = []
        for edge in edges:
            person, manager, source, number = edge
            merge = merged.get((str(source.path), number))
            held = managers.get(person, [])
            if merge is None or merge.target != person or manager in held:
                kept.append(edge)
                continue
            if not held:  # the merge gives the person their first manager
                held.append(manager)
                kept.append(edge)
                continue
            column = source.projection("reporting").source_column("manager_id")
            conflicts = cast(list[dict[str, str]], merge.entry["conflicts"])
            conflicts.append(
                {"column": column, "kept": LIST_SEPARATOR.join(held), "incoming": manager}
            )
            self.report.skip.setdefault((str(source.path), "reporting"), set()).add(number)
        return kept

    def listed_aliases(self, lookup: Lookup) -> None:
        """Accept the aliases the people rows list (their ``aliases`` column, as an export
        writes them): each a valid id that is neither the id of a person of the files or the
        workspace nor an alias of another person (ids and aliases are one set). A row listing
        one that is not is rejected, naming it; rows naming an accepted alias mean its person.
        """
        if not self.listed:
            return
        valid = self.valid["people"]
        wanted = {a for *_, aliases in self.listed for a in aliases}
        taken = lookup("people", {a for a in wanted - valid if ID_PATTERN.match(a)})
        for source, number, person, aliases in self.listed:
            if person not in valid:
                continue  # rejected since it was read
            problem = None
            for alias in aliases:
                holder = self.aliases.get(alias, person)
                if not ID_PATTERN.match(alias):
                    problem = (
                        f"{alias!r} is not a valid id (letters, digits and _.:@-, at most 128)"
                    )
                elif alias == person:
                    problem = f"{alias!r} is this person's own id, not another id of theirs"
                elif alias in valid or alias in taken:
                    problem = (
                        f"{alias!r} is the id of another person; it cannot also stand for "
                        f"{person!r} (ids and aliases are one set)"
                    )
                elif holder != person:
                    problem = f"{alias!r} is already an alias of another person, {holder!r}"
                if problem is not None:
                    break
            if problem is not None:
                column = source.projection("people").source_column("aliases")
                self._bad(source, "people", number, column, problem)
                valid.discard(person)
                self.rejected["people"].setdefault(person, (source.path.name, number))
                continue
            for alias in aliases:
                self.aliases[alias] = person

    def _drops(self, source: SourceFile, kind: str, number: int, row: list[str]) -> bool:
        """Leave out an edge or member row naming a skipped duplicate (told in its entry)."""
        fmt = FORMATS[kind]
        for i, column in enumerate(fmt.columns):
            entry = self.dropped.get(row[i]) if column.ref == "people" else None
            if entry is not None:
                self.report.skip.setdefault((str(source.path), kind), set()).add(number)
                entry["rows_left_out"] = cast(int, entry["rows_left_out"]) + 1
                return True
        return False

    def stored_twins(self, namesakes: Namesakes) -> None:
        """Reject new people of the files who are likely people of the workspace."""
        if not self.named:
            return
        valid = self.valid["people"]
        stored: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for found in namesakes({org for _, org in self.named}):
            key = (name_key(found["name"]), found["organisation_id"])
            stored.setdefault(key, []).append(found)
        ids = {p["id"] for known in stored.values() for p in known}
        for key, person in self.named.items():
            if person.id in ids or person.id not in valid:
                continue  # an update of a stored person, or rejected already
            twin = next(
                (
                    p
                    for p in stored.get(key, [])
                    if likely_same_person(
                        person.email, p["email"], same_name=True, same_organisation=True
                    )
                ),
                None,
            )
            if twin is None:
                continue
            column = person.source.projection("people").source_column("last_name")
            self._duplicate(
                person.source,
                person.row,
                column,
                person,
                twin["id"],
                twin["name"],
                "already in the workspace",
            )
            valid.discard(person.id)

    def resolve(self, kind: str, pending: dict[str, list[_Ref]], lookup: Lookup) -> None:
        """Reject the rows whose references exist neither in the files nor in the workspace.

        Each file's column gets one note too, with every unknown id it names and how to supply
        them: a contacts export without its accounts gives one note, not a row's issue alone.
        """
        for ref_kind, refs in pending.items():
            found = lookup(ref_kind, {r[3] for r in refs})
            unknown: dict[tuple[str, str], tuple[SourceFile, list[str]]] = {}
            for source, number, column, value, own_id in refs:
                if value in found:
                    continue
                noun = _NOUN[ref_kind]
                reason = f"unknown {noun} id {value!r}: not in the files nor in the workspace"
                self._bad(source, kind, number, column, reason)
                unknown.setdefault((str(source.path), column), (source, []))[1].append(value)
                if own_id is not None and own_id in self.valid.get(kind, set()):
                    self.valid[kind].discard(own_id)
                    self.rejected[kind][own_id] = (source.path.name, number)
            for (_, column), (source, values) in unknown.items():
                message = _unknown_ids(source, column, ref_kind, values)
                self.report.notes.append(Note(source.path.name, column, len(values), message))

    def side_rules(self, stored: SideLookup, stored_ties: StoredTies) -> None:
        """Reject knows ties that do not start at our or a partner's people, and buying-centre
        members of ours or a partner's (:mod:`graph.rules.integrity`), the files' rows taking
        precedence over what the workspace holds; and a person row that moves someone to a
        side their stored memberships or "knows" ties do not allow."""
        ties = [t for t in self.ties if t.row not in self.report.skipped(t.source, t.kind)]
        placed = {
            p: at
            for p, at in self.placed.items()
            if at[1] not in self.report.skipped(at[0], "people")
        }
        held = stored_ties(set(placed)) if placed else {}
        if not ties and not held:
            return
        kinds, works_at, deal_for = (self.sides[k] for k in _SIDE_COLUMN)
        people = {t.person for t in ties}
        deals = {t.deal for t in ties} | {d for member_of, _ in held.values() for d in member_of}
        orgs = {works_at[p] for p in people | held.keys() if works_at.get(p)} - kinds.keys()
        found = stored(people - works_at.keys(), deals - deal_for.keys(), orgs)

        def side(person: str) -> tuple[str | None, str | None]:
            if person in works_at:
                org = works_at[person] or None
                return org, None if org is None else kinds.get(org, found.organisations.get(org))
            org, kind = found.people.get(person, (None, None))
            return org, None if org is None else kinds.get(org, kind)

        for tie in ties:
            org, kind = side(tie.person)
            column = "source_id" if tie.kind == "knows" else "person_id"
            if tie.kind == "knows":
                problem = knows_problem(tie.person, org, kind)
            else:
                deal_org = deal_for.get(tie.deal) or found.deals.get(tie.deal)
                problem = member_problem(tie.person, org, kind, deal_org)
            if problem is None:
                continue
            where = tie.source.projection(tie.kind).source_column(column)
            self._bad(tie.source, tie.kind, tie.row, where, problem)
            if tie.kind == "buying_centre":
                self.members.discard((tie.deal, tie.person))
        # What the files state again is judged by their own rows, above.
        restated = {(t.kind, t.person, t.deal) for t in ties}
        for person, (member_of, knows) in sorted(held.items()):
            org, kind = side(person)
            reasons = [
                member_problem(person, org, kind, deal_for.get(d) or found.deals.get(d))
                for d in sorted(member_of)
                if ("buying_centre", person, d) not in restated
            ]
            if knows and ("knows", person, "") not in restated:
                reasons.append(knows_problem(person, org, kind))
            source, row = placed[person]
            where = source.projection("people").source_column("organisation_id")
            for reason in reasons:
                if reason is not None:
                    self._bad(source, "people", row, where, reason)

    def journeys(self, stored: MemberLookup) -> None:
        """Reject journey rows of people not in the deal's buying centre (files or workspace).

        A buying centre row that passed its column checks counts even if :meth:`resolve` then
        rejected it: that only happens for an unknown deal or person, which rejects the journey
        rows naming them too.
        """
        skipped = {str(s.path): self.report.skipped(s, "journey") for _, s, _ in self.events}
        events = [e for e in self.events if e[2] not in skipped[str(e[1].path)]]
        problems = journey_problems(events, self.members, stored)
        for source, number, column, reason in problems:
            self._bad(source, "journey", number, column, reason)

    def parts(self, sources: list[SourceFile]) -> None:
        """Mark the rows that are written in part, so the report says what is stored.

        One row of some files gives several kinds (a Salesforce contact: a person and, where
        ``ReportsToId`` is set, a reporting line). An issue rejects its kind's part of the row
        and whatever depends on it (a rejected person takes their reporting line along), but
        the row's other parts stand: a contact whose manager is unknown is stored without one.
        """
        for source in sources:
            path = str(source.path)
            if len(source.kinds) < 2 or path in self.report.failed_files:
                continue
            rejected = {k: self.report.skip.get((path, k), set()) for k in source.kinds}
            bad = set().union(*rejected.values())
            if not bad:
                continue
            for kind in source.kinds:
                written = {n for n, _, _ in source.rows(kind) if n in bad} - rejected[kind]
                self.report.partial.update((source.path.name, n) for n in written)

    def _cycles(self, edges: list[tuple[str, str, SourceFile, int]]) -> None:
        """Reject the file's reporting lines that close a cycle, with the lines already stored."""
        stored = list(self.stored_lines)
        lines = [(a, b) for a, b, _, _ in edges]
        component = _in_cycles(stored + lines)
        if not component:
            return
        # Paths only for the (few) lines inside a component: no cycle leaves its component.
        graph = nx.DiGraph()
        for pairs, is_stored in ((stored, True), (lines, False)):
            graph.add_edges_from(
                ((a, b) for a, b in pairs if a in component and component.get(b) == component[a]),
                stored=is_stored,
            )
        for a, b, source, number in edges:
            if a not in component or component.get(b) != component[a]:
                continue
            path = nx.shortest_path(graph, b, a)
            stored_part = any(graph.edges[x, y]["stored"] for x, y in itertools.pairwise(path))
            reason = reporting_cycle([a, *path], through_stored=stored_part)
            # The file's own column: ReportsToId in a Salesforce export, manager_id in ours.
            manager_column = source.projection("reporting").source_column("manager_id")
            self._bad(source, "reporting", number, manager_column, reason)


def _in_cycles(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Each node on a cycle of ``pairs`` (directed edges) -> its strongly connected component.

    SciPy's components rather than NetworkX's: several times faster on a large org chart.
    """
    index: dict[str, int] = {}
    heads = [index.setdefault(a, len(index)) for a, _ in pairs]
    tails = [index.setdefault(b, len(index)) for _, b in pairs]
    size = len(index)
    adjacency = sparse.csr_array(
        (np.ones(len(pairs), dtype=np.int8), (heads, tails)), shape=(size, size)
    )
    _, labels = csgraph.connected_components(adjacency, directed=True, connection="strong")
    on_cycle = np.flatnonzero(np.bincount(labels)[labels] > 1)
    names = list(index)
    return {names[i]: int(labels[i]) for i in on_cycle}


def merge_lines(report: ValidationReport) -> list[str]:
    """The merges of ``report`` in words, a line per merged row and per differing column.

    >>> report = ValidationReport(duplicates=[{"file": "Contact.csv", "row": 2, "id": "003X",
    ...     "action": "merged", "merged_into": "003A", "filled": ["Email"],
    ...     "conflicts": [{"column": "Title", "kept": "CEO", "incoming": "Chief"}]}])
    >>> for line in merge_lines(report):
    ...     print(line)
    Contact.csv row 2: '003X' merged into '003A' (filled Email)
      Title differs: kept 'CEO', the file has 'Chief'
    """
    lines: list[str] = []
    for entry in report.duplicates:
        if entry.get("action") != "merged":
            continue
        filled = cast(list[str], entry.get("filled") or [])
        more = f" (filled {', '.join(filled)})" if filled else ""
        lines.append(
            f"{entry['file']} row {entry['row']}: {entry['id']!r} merged into "
            f"{entry['merged_into']!r}{more}"
        )
        for c in cast(list[dict[str, str]], entry.get("conflicts") or []):
            source = f" (from {c['kept_from']})" if c.get("kept_from") else ""
            lines.append(
                f"  {c['column']} differs: kept {c['kept']!r}{source}, "
                f"the file has {c['incoming']!r}"
            )
    return lines


def validate(
    sources: Iterable[SourceFile],
    lookup: Lookup | None = None,
    foreign: dict[str, dict[str, str]] | None = None,
    stored_lines: Iterable[tuple[str, str]] = (),
    members: MemberLookup | None = None,
    sides: SideLookup | None = None,
    namesakes: Namesakes | None = None,
    stored_ties: StoredTies | None = None,
    duplicates: Duplicates = Duplicates.HOLD,
    aliases: dict[str, str] | None = None,
    targets: Targets | None = None,
) -> ValidationReport:
    """Validate ``sources`` as one import.

    ``lookup(kind, ids)`` answers which referenced ids not found in the files exist in the
    workspace (default: none do); ``foreign`` maps a node kind to the file ids that another
    workspace already holds; ``stored_lines`` are the workspace's reporting lines (person,
    manager), so that a file's line closing a cycle with them is refused too; ``members(pairs)``
    answers which (deal, person) pairs are buying-centre members in the workspace (default:
    none are); ``sides(people, deals, organisations)`` where the workspace's people work,
    whom its deals are for and what kind its organisations are (default: none stored);
    ``namesakes(organisations)`` the workspace's people at those organisations, to hold back
    likely duplicates (:func:`graph.rules.integrity.likely_same_person`; ``None``: keep them all,
    the files' own namesakes too), which ``duplicates`` holds back or skips;
    ``stored_ties(people)`` the workspace's buying-centre memberships and "knows" ties of the
    files' people, so that a row moving one of them to another side is checked against those
    (default: none stored); ``aliases`` the workspace's person aliases (alias -> person): the
    mapping the sources were opened with (:attr:`SourceFile.people`), to which the merges of
    ``duplicates`` "merge" are added, so that the rows after them read a merged id as the
    person it was merged into; ``targets(people)`` the stored values of the people merged into.
    Files that cannot be read at all are reported, not raised.
    """
    sources = list(sources)
    if aliases is None:
        aliases = {}
    # One mapping for all files (those of an import are opened with it already).
    sources = [s if s.people is aliases else replace(s, people=aliases) for s in sources]
    run = _Validation(
        foreign or {}, stored_lines, duplicates if namesakes is not None else None, aliases
    )
    for kind in KIND_ORDER:
        providing = [s for s in sources if kind in s.kinds]
        try:
            pending = run.scan(kind, providing)
        except ImportFileError as e:
            name = next((s.path.name for s in providing if s.path.name in e.message), "")
            run.report.issues.append(Issue(name, e.row or 0, e.column, e.message))
            run.report.failed_files.update(str(s.path) for s in providing)
            continue
        run.resolve(kind, pending, lookup or (lambda _k, _ids: set()))
        if kind == "people" and namesakes is not None:
            run.stored_twins(namesakes)
        if kind == "people":
            run.merged(lookup or (lambda _k, _ids: set()), targets or (lambda _ids: []))
            run.listed_aliases(lookup or (lambda _k, _ids: set()))
    run.side_rules(sides or (lambda _p, _d, _o: Sides()), stored_ties or (lambda _p: {}))
    run.journeys(members or (lambda _pairs: set()))
    run.parts([s for s in sources if str(s.path) not in run.report.failed_files])
    run.report.duplicates.sort(key=lambda d: (str(d["file"]), cast(int, d["row"])))
    for kind in KIND_ORDER:
        bad = sum(len(rows) for (_, k), rows in run.report.skip.items() if k == kind)
        repeats = sum(len(rows) for (_, k), rows in run.report.repeats.items() if k == kind)
        run.report.good_rows[kind] = max(0, run.rows[kind] - repeats - bad)
    return run.report
