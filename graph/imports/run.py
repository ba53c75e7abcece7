"""An import from start to end: validate everything, then write in batches, resumably.

1. Every file is read and validated (:mod:`graph.imports.validate`), asking the database only
   which referenced ids exist in the workspace, its person aliases (which the files' references
   are read through), which file ids another workspace holds and,
   when a file has reporting lines, the workspace's reporting lines (a cycle may close there).
2. Unless the report is clean — or the caller asked for the good rows only — nothing is written.
3. Rows are written kind by kind (nodes before the edges between them; rows merged into a
   person, :class:`~graph.imports.validate.Duplicates`, right after the people) in batches of one
   ``UNWIND`` statement each (three for people, in one transaction) — the statements the API's
   bulk mutations use — with ``MERGE`` on ids, so the same files imported twice give the
   same graph. People no workspace held when the files were checked take one ``CREATE``
   statement instead (:func:`_split`). While the
   database writes one batch, the next is parsed; for people and edges it is also sent
   while the one before commits (:data:`_PIPELINED`).
4. An ``ImportRun`` node, keyed by a fingerprint of the files and options, records how many
   batches are done; an interrupted import run again with the same files resumes there (and
   since every batch is idempotent, replaying the batches in flight when it stopped, at most
   two, is harmless: the re-run checks the files again and merges what the first run wrote).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from graph.database.store import Row, Store, WorkspaceStore, WorkspaceTransaction
from graph.errors import Conflict, ValidationFailed
from graph.history.recorder import Origin, Touched
from graph.imports.convert import CONVERTERS, Params
from graph.imports.formats import FORMATS, KIND_ORDER
from graph.imports.journey import SETTLE_STAGES, STAGE_KINDS, members_of, stored_members
from graph.imports.reader import ImportFileError, SourceFile, open_source
from graph.imports.validate import Duplicates, Issue, ValidationReport, validate
from graph.repository.bulk import Run, cap_inferred_levels, write_influences, write_people
from graph.repository.person_keys import person_aliases
from graph.repository.sides import Sides, read_sides
from graph.rules.reporting import ReportingLines
from graph.telemetry import IMPORT_ROWS

__all__ = ["BATCH_SIZE", "ImportOptions", "ImportResult", "import_files"]

BATCH_SIZE = 10_000
_LOOKUP_CHUNK = 50_000
_NODE_KINDS = ("organisations", "people", "deals")
# The API's bulk mutations write with the same statements (people through
# graph.repository.bulk.write_people); only the kinds they have no bulk write for have their own.
_WRITE = {
    "organisations": "organisations/upsert",
    "reporting": "import/reporting",
    "influences": "relations/upsert_influences",
    "knows": "relations/upsert_knows",
    "partnerships": "import/partnerships",
    "deals": "deals/upsert",
    "buying_centre": "import/buying_centre",
    "journey": "import/journey",
}
_CREATE = {"people": "import/new_people"}
"""For rows that are new for sure (:func:`_split`): ``CREATE`` instead of ``MERGE``.

People only: the id's unique constraint refuses a person stored meanwhile. Edges have no such
constraint, so they are always merged (``MERGE`` locks both people and looks again), else an
edge written by an editor while the import runs would be stored twice.
"""
_PIPELINED = frozenset({"people", "reporting", "influences", "knows"})
"""Kinds whose next batch is sent while the one before commits.

Its statements wait for the locks that the committing batch holds; the committing one takes no
more, so the two cannot deadlock. That hides the commit, and sending and decoding the next
batch, behind each other. Positions are still recorded in order, after each commit.
"""
_EXISTING = {
    "organisations": "import/existing_organisations",
    "people": "import/existing_people",
    "deals": "import/existing_deals",
}
RowOrigin = tuple[str, int]
"""The file name and row number (header = 1) an imported row came from."""
Progress = Callable[[str, int], None]
"""Called with (kind, rows just written)."""


@dataclass(frozen=True)
class ImportOptions:
    """How an import treats what it finds.

    ``organisation_map``: organisation ids of the files → organisations of the workspace, for
    CRM exports whose account or company ids the workspace knows under its own ids.
    ``duplicates``: what to do with people who look like one already there or in the files
    (same name, same organisation, another id): hold them back (reported, nothing written of
    the import), keep both, skip them and the rows that refer to them, or merge them into the
    other person, whose alias their id becomes (:class:`~graph.imports.validate.Duplicates`).
    ``good_rows_only``: write the good rows even when others are bad.
    """

    organisation_map: Mapping[str, str] = field(default_factory=dict)
    duplicates: Duplicates = Duplicates.HOLD
    good_rows_only: bool = False

    @classmethod
    def given(
        cls, organisation_map: Sequence[str] = (), *, duplicates: Duplicates = Duplicates.HOLD
    ) -> ImportOptions:
        """Options from their text form: ``organisation_map`` as ``file id=workspace id`` each.

        >>> ImportOptions.given(["001A=acme", " 001B = acme "]).organisation_map
        {'001A': 'acme', '001B': 'acme'}
        """
        pairs: dict[str, str] = {}
        bad: list[tuple[str, str]] = []
        for i, text in enumerate(organisation_map):
            source, sep, target = (part.strip() for part in text.partition("="))
            if not (sep and source and target):
                reason = f"{text!r} is not a pair; write it as <id in the file>=<organisation id>"
                bad.append((f"organisation_map[{i}]", reason))
            pairs[source] = target
        if bad:
            raise ValidationFailed(bad)
        return cls(organisation_map=pairs, duplicates=duplicates)

    def key(self) -> str:
        """The options as text, for the run's fingerprint."""
        return json.dumps(
            [sorted(self.organisation_map.items()), self.duplicates, self.good_rows_only]
        )


@dataclass
class ImportResult:
    """What an import did: its validation report, rows written per kind, and its run id."""

    report: ValidationReport
    written: dict[str, int] = field(default_factory=dict)
    run_id: str = ""
    resumed_at_batch: int = 0

    @property
    def applied(self) -> bool:
        """Whether anything was written."""
        return bool(self.written)


def _fingerprint(paths: Sequence[Path], workspace: str, options: ImportOptions, batch: int) -> str:
    digest = hashlib.sha256(f"{workspace}\x1f{options.key()}\x1f{batch}".encode())
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return "import:" + digest.hexdigest()[:32]


async def _existing(store: Store, kind: str, ids: set[str]) -> dict[str, str]:
    """Of ``ids``, those that exist (any workspace) -> their workspace."""
    found: dict[str, str] = {}
    listed = sorted(ids)
    for start in range(0, len(listed), _LOOKUP_CHUNK):
        rows = await store.read(_EXISTING[kind], {"ids": listed[start : start + _LOOKUP_CHUNK]})
        found.update((r["id"], r["workspace"]) for r in rows)
    return found


async def _stored_sides(
    scoped: WorkspaceStore, people: set[str], deals: set[str], organisations: set[str]
) -> Sides:
    """:func:`read_sides` of the workspace, ``_LOOKUP_CHUNK`` ids of each kind at a time."""
    found = Sides()
    lists = [sorted(people), sorted(deals), sorted(organisations)]
    for start in range(0, max(map(len, lists)), _LOOKUP_CHUNK):
        chunk = [ids[start : start + _LOOKUP_CHUNK] for ids in lists]
        part = await read_sides(scoped.read, *chunk)
        found.people.update(part.people)
        found.deals.update(part.deals)
        found.organisations.update(part.organisations)
    return found


async def _stored(
    store: Store, sources: list[SourceFile]
) -> dict[str, tuple[set[str], dict[str, str]]]:
    """Per node kind, the ids in the files and those of them stored (any workspace)."""
    stored: dict[str, tuple[set[str], dict[str, str]]] = {}
    for kind in _NODE_KINDS:
        ids: set[str] = set()
        for source in (s for s in sources if kind in s.kinds):
            try:
                ids.update(row[0] for _, row, _ in source.rows(kind) if row[0])
            except ImportFileError:
                continue  # validation reports it
        stored[kind] = (ids, await _existing(store, kind, ids) if ids else {})
    return stored


async def _namesakes(scoped: WorkspaceStore, organisations: set[str]) -> list[Row]:
    """The people working at ``organisations`` in the workspace (id, name, email, organisation)."""
    listed, found = sorted(organisations), []
    for start in range(0, len(listed), _LOOKUP_CHUNK):
        chunk = listed[start : start + _LOOKUP_CHUNK]
        found += await scoped.read("people/namesakes", {"organisations": chunk})
    return found


async def _stored_ties(
    scoped: WorkspaceStore, people: set[str]
) -> dict[str, tuple[list[str], bool]]:
    """Of ``people``, those with buying-centre memberships or "knows" ties in the workspace."""
    listed, found = sorted(people), {}
    for start in range(0, len(listed), _LOOKUP_CHUNK):
        chunk = listed[start : start + _LOOKUP_CHUNK]
        for row in await scoped.read("people/side_ties", {"ids": chunk}):
            if row["deals"] or row["knows"]:
                found[row["id"]] = (list(row["deals"]), bool(row["knows"]))
    return found


async def check_files(
    store: Store,
    workspace: str,
    paths: Sequence[Path],
    options: ImportOptions | None = None,
    guard: Callable[[], None] | None = None,
) -> tuple[list[SourceFile], ValidationReport, set[str], ReportingLines]:
    """Open and validate ``paths`` for ``workspace``; nothing is written.

    Every read of the workspace runs ``guard`` first (the caller's role, for a request), as
    :meth:`~graph.database.store.Store.workspace` does. Also returns the people of the files that no
    workspace holds yet (see :func:`_split`), and the workspace's reporting lines, which decide
    the kind of the files' lines that do not say it (:mod:`graph.rules.reporting`).
    """
    scoped = store.workspace(workspace, guard)
    options = options or ImportOptions()
    # The workspace's person aliases, which every file reads references through; validation
    # adds the merges it decides (graph.imports.validate.Duplicates.MERGE).
    aliases = await person_aliases(scoped)
    sources: list[SourceFile] = []
    unreadable: list[Issue] = []
    for path in paths:
        try:
            sources.append(open_source(path, options.organisation_map, aliases))
        except ImportFileError as e:
            unreadable.append(Issue(path.name, e.row or 1, e.column, e.message))
    stored = await _stored(store, sources)
    foreign = {
        k: {i: w for i, w in found.items() if w != workspace} for k, (_, found) in stored.items()
    }
    people, stored_people = stored["people"]
    new_people = people.difference(stored_people)
    stored_lines: list[tuple[str, str]] = []
    lines = ReportingLines()
    if any("reporting" in s.kinds for s in sources):
        rows = await scoped.read("import/reporting_lines")
        stored_lines = [(r["person_id"], r["manager_id"]) for r in rows]
        lines = ReportingLines((r["person_id"], r["manager_id"], r["line"]) for r in rows)
    loop = asyncio.get_running_loop()

    def lookup(kind: str, ids: set[str]) -> set[str]:
        # Validation runs in a worker thread; the driver lives on the event loop.
        future = asyncio.run_coroutine_threadsafe(_existing(store, kind, ids), loop)
        return {i for i, ws in future.result().items() if ws == workspace}

    def members(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        future = asyncio.run_coroutine_threadsafe(stored_members(store, workspace, pairs), loop)
        return future.result()

    def sides(people: set[str], deals: set[str], organisations: set[str]) -> Sides:
        work = _stored_sides(scoped, people, deals, organisations)
        return asyncio.run_coroutine_threadsafe(work, loop).result()

    def namesakes(organisations: set[str]) -> list[Row]:
        work = _namesakes(scoped, organisations)
        return asyncio.run_coroutine_threadsafe(work, loop).result()

    def stored_ties(people: set[str]) -> dict[str, tuple[list[str], bool]]:
        return asyncio.run_coroutine_threadsafe(_stored_ties(scoped, people), loop).result()

    def targets(people: set[str]) -> list[Row]:
        work = scoped.read("import/merge_targets", {"ids": sorted(people)})
        return asyncio.run_coroutine_threadsafe(work, loop).result()

    report = await asyncio.to_thread(
        validate,
        sources,
        lookup,
        foreign,
        stored_lines,
        members=members,
        sides=sides,
        namesakes=None if options.duplicates is Duplicates.KEEP else namesakes,
        stored_ties=stored_ties,
        duplicates=options.duplicates,
        aliases=aliases,
        targets=targets,
    )
    report.issues[:0] = unreadable
    return sources, report, new_people, lines


async def _until(event: asyncio.Event, task: asyncio.Task[None]) -> None:
    """Wait until ``event`` is set or ``task`` has ended (it may fail before setting it)."""
    waiting = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({waiting, task}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiting.cancel()


def _split(
    kind: str, batch: list[Params], new_people: set[str]
) -> tuple[list[Params], list[Params]]:
    """``batch`` as (rows that are new for sure, the others) for :data:`_CREATE`'s statements.

    A person no workspace held when the files were checked is new: ``CREATE`` makes them, so
    that the id's unique constraint refuses the batch should anyone store them meanwhile. An
    import run again after an interruption checks the files again, so what the first run wrote
    is stored by then and goes through the ``MERGE`` statements: the result stays the same.
    """
    if kind not in _CREATE or not new_people:
        return [], batch
    is_new = [cast(Row, r)["id"] in new_people for r in batch]
    if all(is_new):
        return batch, []
    return (
        [r for r, n in zip(batch, is_new, strict=True) if n],
        [r for r, n in zip(batch, is_new, strict=True) if not n],
    )


async def _write(run: Run, kind: str, new: list[Params], stored: list[Params], user: str) -> None:
    """Write one batch in one transaction: new rows with ``CREATE``, the others with ``MERGE``.

    Influences are reports by ``user`` where a row names no one (``reported_by``).
    """
    if new:
        await run(_CREATE[kind], {"rows": new})
    if stored and kind == "people":
        await write_people(run, cast(list[Row], stored))
    elif stored and kind == "influences":
        await write_influences(run, cast(list[list[Any]], stored), user)
    elif stored:
        await run(_WRITE[kind], {"rows": stored})
    # The org chart caps inferred levels (graph.rules.titles): people already stored may
    # have reporting lines, and every reporting row gives its person a manager.
    if kind == "people" and stored:
        await cap_inferred_levels(run, [cast(Row, r)["id"] for r in stored])
    elif kind == "reporting":
        await cap_inferred_levels(run, [cast(list[str], r)[0] for r in [*new, *stored]])


async def _add_aliases(run: Run, kind: str, batch: list[Row], origins: list[RowOrigin]) -> None:
    """Add the aliases of a batch of people (their ``aliases`` column) or of merges to their
    people, in the batch's transaction, once no other person of the workspace holds one of
    them, or a person's id, as their id or alias (``import/alias_clashes``).

    The files were checked before the write. This check runs in the write's own transaction
    under the workspace's lock (``workspaces/lock``), which creates of people take before their
    own check (:mod:`graph.repository.people`): it sees what concurrent imports and creates
    committed, and refuses the batch (rolled back, nothing of it written) rather than give two
    people one id; a create waiting on the lock then sees this batch's ids and aliases.
    """
    aliases = [
        (at, r["id"], a)
        for at, r in enumerate(batch)
        for a in ([r["alias"]] if kind == _MERGES else r["aliases"])
    ]
    ids = [] if kind == _MERGES else [(at, r["id"], r["id"]) for at, r in enumerate(batch)]
    keys = ids + aliases
    await run("workspaces/lock", {})
    holders: dict[str, set[str]] = {}
    for found in await run("import/alias_clashes", {"keys": [k for _, _, k in keys]}):
        holders.setdefault(found["key"], set()).add(found["holder"])
    for at, person, key in keys:
        others = sorted(holders.get(key, set()) - {person})
        if others:
            file, row = origins[at]
            what = "id" if key == person else f"alias {key!r}"
            raise Conflict(
                f"{file} row {row}: the {what} of person {person!r} is by now the id or an "
                f"alias of person {others[0]!r} of this workspace (written since the files "
                "were checked); check the files again and retry",
                field="id" if key == person else "aliases",
            )
    if aliases:
        rows = [{"id": person, "alias": alias} for _, person, alias in aliases]
        await run("import/add_aliases", {"rows": rows})


def _merge_batches(
    report: ValidationReport, size: int
) -> Iterator[tuple[list[Params], list[RowOrigin]]]:
    """The merges of ``report`` as ``people/upsert`` rows that set only what they fill (with
    the alias each adds), in batches, each with the file and row of every merge."""
    convert = CONVERTERS["people"]
    names = FORMATS["people"].column_names
    for start in range(0, len(report.merges), size):
        chunk = report.merges[start : start + size]
        batch: list[Params] = []
        for merge in chunk:
            row = convert([merge["fill"].get(c, "") for c in names])
            props = {k: v for k, v in cast(Row, row)["props"].items() if k in merge["fill"]}
            batch.append(
                {
                    "id": merge["id"],
                    "alias": merge["alias"],
                    "props": props,
                    "set_organisation": False,
                    "organisation_id": merge["organisation_id"],
                    "rank": int(merge["fill"]["level"]) if "level" in merge["fill"] else None,
                    "inferred": False,
                }
            )
        yield batch, [(m["file"], m["row"]) for m in chunk]


def _batches(
    sources: list[SourceFile],
    report: ValidationReport,
    kind: str,
    size: int,
    lines: ReportingLines | None = None,
) -> Iterator[tuple[list[Params], list[RowOrigin]]]:
    """Batches of converted rows, each with the file and row of every one of its rows.

    ``lines`` gives each reporting row its kind, in file order (:mod:`graph.rules.reporting`).
    """
    convert = CONVERTERS[kind]
    if kind == "reporting" and lines is not None:

        def convert(row: list[str]) -> Params:
            person, manager, given = CONVERTERS["reporting"](row)
            return [person, manager, lines.assign(person, manager, given)]

    batch: list[Params] = []
    origins: list[RowOrigin] = []
    for source in sources:
        if kind not in source.kinds or str(source.path) in report.failed_files:
            continue
        skipped = report.skipped(source, kind)
        for number, row, _ in source.rows(kind):
            if number in skipped:
                continue
            batch.append(convert(row))
            origins.append((source.path.name, number))
            if len(batch) >= size:
                yield batch, origins
                batch, origins = [], []
    if batch:
        yield batch, origins


_MERGES = "merged"
"""The step after the people: rows merged into a person (:func:`_merge_batches`)."""
_STEPS = tuple(k for kind in KIND_ORDER for k in ((kind, _MERGES) if kind == "people" else (kind,)))
"""What an import writes, in order: the kinds, and the merges once the people are in."""
_EDGE_KINDS = {"reporting": "REPORTS_TO", "influences": "INFLUENCES", "knows": "KNOWS"}
_NODE_FACTS = {"organisations": "organisation", "people": "person", "deals": "deal"}
"""The fact of each node kind's own properties; the kind names the :class:`Touched` field."""


def _touched(
    kind: str,
    batch: list[Params],
    origins: list[RowOrigin],
    new_people: set[str],
    influences: set[tuple[str, str]],
) -> Touched:
    """The facts one batch of ``kind`` may change, each with the file and row that writes it.

    Facts that cannot have existed before the batch are marked absent, so the recorder does
    not read them before it: the people no workspace held when the files were checked (the
    batch creates them, and the id's constraint refuses it should anyone store them meanwhile)
    and the edges at them. An edge is one row of the files, except an influence reported by
    several people: ``influences`` holds the ties earlier batches wrote, which are read.
    """
    touched = Touched()
    for params, origin in zip(batch, origins, strict=True):
        if kind == _MERGES:  # the person merged into: their properties, level and aliases
            id_ = cast(Row, params)["id"]
            touched.people.add(id_)
            touched.rows.setdefault(("person", id_), origin)
            continue
        if kind in _NODE_FACTS:
            id_ = cast(Row, params)["id"]
            getattr(touched, kind).add(id_)
            touched.rows[(_NODE_FACTS[kind], id_)] = origin
            if kind == "people" and id_ in new_people:
                touched.absent.add(("person", id_))
            continue
        a, b = cast(list[str], params)[:2]
        if kind in _EDGE_KINDS:
            touched.edges.add((_EDGE_KINDS[kind], a, b))
            touched.rows[(_EDGE_KINDS[kind], a, b)] = origin
            if (a in new_people or b in new_people) and (a, b) not in influences:
                touched.absent.add((_EDGE_KINDS[kind], a, b))
            if kind == "reporting":  # the org chart caps the person's inferred level
                touched.people.add(a)
        elif kind == "partnerships":
            pair = (a, b) if a <= b else (b, a)
            touched.partners.add(pair)
            touched.rows[("partner", *pair)] = origin
        else:  # buying centre and journey rows: (deal, person, ...)
            touched.members.add((a, b))
            touched.rows[("member", a, b)] = origin
    return touched


async def import_files(
    store: Store,
    workspace: str,
    paths: Sequence[Path],
    *,
    good_rows_only: bool = False,
    options: ImportOptions | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    checked: Callable[[ValidationReport], None] | None = None,
    actor: str = "system",
    guard: Callable[[], None] | None = None,
) -> ImportResult:
    """Validate ``paths`` and, when clean (or ``good_rows_only``), write them to ``workspace``.

    ``guard`` runs before every statement on the workspace, reads and writes (for a request:
    :meth:`graph.repository.auth.CallerStore.guard`, the caller's role checked each time).

    ``checked`` is called with the validation report before anything is written (a progress
    bar learns its total there); ``progress`` after each batch written. Every change is
    recorded as made by ``actor`` through an import, with its file and row.
    """
    options = replace(options or ImportOptions(), good_rows_only=good_rows_only)
    store = store.bulk()  # batches of 10,000 rows, and id look-ups of 50,000
    sources, report, new_people, lines = await check_files(store, workspace, paths, options, guard)
    if checked is not None:
        checked(report)
    result = ImportResult(report)
    if not report.ok and not good_rows_only:
        return result
    run = _fingerprint([s.path for s in sources], workspace, options, batch_size)
    result.run_id = run
    files = [s.path.name for s in sources]
    # Into a workspace that exists only (creating one is a separate act): every write's fence
    # answers NotFound otherwise, and stops the import should the workspace be deleted.
    scoped = store.workspace(workspace, guard, Origin(actor, "import"))
    rows = await scoped.write("import/run_start", {"run": run, "files": files})
    resume_at = result.resumed_at_batch = int(rows[0]["position"])

    position = 0
    influences: set[tuple[str, str]] = set()  # the ties written so far (see _touched)
    in_flight: asyncio.Task[None] | None = None
    sent = asyncio.Event()  # set once the batch in flight has run its statements

    async def write(
        kind: str,
        batch: list[Params],
        origins: list[RowOrigin],
        done: int,
        before: asyncio.Task[None] | None,
        ran: asyncio.Event,
    ) -> None:
        new, stored = _split(kind, batch, new_people)

        async def statements(tx: WorkspaceTransaction) -> None:
            if kind == _MERGES:  # fill what the person lacks, then add the alias
                await _write(tx.run, "people", [], batch, actor)
            else:
                await _write(tx.run, kind, new, stored, actor)
            if kind in (_MERGES, "people"):
                await _add_aliases(tx.run, kind, cast(list[Row], batch), origins)
            if kind in STAGE_KINDS:  # members with journey history keep their latest stage
                # In the batch's own transaction, so no reader (and no history) sees the file's
                # stage replace a member's latest one in between.
                await tx.run(SETTLE_STAGES, {"rows": members_of(batch)})
            ran.set()  # only the commit is left

        touched = _touched(kind, batch, origins, new_people, influences)
        if kind == "influences":
            influences.update((cast(list[str], p)[0], cast(list[str], p)[1]) for p in batch)
        await scoped.transaction(statements, touched)
        if before is not None:  # positions are recorded in order
            await before
        # After the batch's commit has returned, not in its transaction: a reader that sees the
        # position then sees the whole batch (Neo4j applies a large commit while others read).
        await scoped.write("import/run_progress", {"run": run, "position": done, "kind": kind})
        IMPORT_ROWS.inc(len(batch))
        if progress is not None:
            progress(kind, len(batch))

    for kind in _STEPS:
        if kind == _MERGES and not report.merges:
            continue
        written = 0
        batches = (
            _merge_batches(report, batch_size)
            if kind == _MERGES
            else _batches(sources, report, kind, batch_size, lines)
        )
        # Parse the next batch in a thread while the event loop sends the previous one.
        while (item := await asyncio.to_thread(next, batches, None)) is not None:
            batch, origins = item
            position += 1
            written += len(batch)
            if position <= resume_at:
                if progress is not None:
                    progress(kind, len(batch))
                continue
            if in_flight is not None and kind in _PIPELINED:
                await _until(sent, in_flight)
            elif in_flight is not None:
                await in_flight
            sent = asyncio.Event()
            in_flight = asyncio.create_task(write(kind, batch, origins, position, in_flight, sent))
        if in_flight is not None:  # edges need every node of the kinds before them
            await in_flight
            in_flight = None
        result.written[kind] = written
    summary = json.dumps(result.written, sort_keys=True)
    await scoped.write("import/run_finish", {"run": run, "written": summary})
    return result


def total_rows(report: ValidationReport) -> int:
    """Rows an import of ``report``'s good rows writes (for a progress bar)."""
    return sum(report.good_rows[k] for k in FORMATS) + len(report.merges)
