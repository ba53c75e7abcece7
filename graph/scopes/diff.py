"""What the analyses say differently at two moments: who is on the map, warnings, plan order.

The fact changes between two moments come from the events (:func:`changes_between`); what
follows from the facts — who is in the scope, the coverage warnings, the approach plan — is
compared here on the two analyses, each computed by :func:`graph.scopes.cache.analyse` on the
scope as it stood then (pure: no database). The differences are :class:`Change` values like the
fact changes, so the feeds, the GraphQL answer and the file export list them the same way:

* ``("map", person)``: ``map_joined`` / ``map_left`` (value: the person's name);
* ``("warning", code, *people)``: ``warning_gained`` / ``warning_lost`` (value: the message);
* ``("plan_step", person)``: ``plan_step_moved`` (value: order and score; absent: not in the
  plan).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from graph.database.store import WorkspaceStore
from graph.errors import NotFound
from graph.history.facts import Change, ChangeKind, FactKey
from graph.repository.history import changes_between
from graph.scopes.cache import AnalysisCache, ScopeAnalysis, analyse
from graph.scopes.past import (
    HorizonRead,
    PresentRead,
    as_utc,
    check_moment,
    horizon_once,
    present_once,
)
from graph.scopes.read import Scope, ScopeKind

__all__ = ["analysis_changes", "map_changes"]


def _people(analysis: ScopeAnalysis) -> dict[FactKey, Any]:
    return {("map", p.id): {"name": p.name} for p in analysis.scope.people}


def _warnings(analysis: ScopeAnalysis) -> dict[FactKey, Any]:
    if analysis.coverage is None:
        return {}
    return {
        ("warning", w.code, *w.people): {"message": w.message} for w in analysis.coverage.warnings
    }


def _plan(analysis: ScopeAnalysis) -> dict[FactKey, Any]:
    return {
        ("plan_step", s.person_id): {"order": s.order, "score": round(s.score, 6)}
        for s in analysis.plan or ()
    }


def _compare(
    before: dict[FactKey, Any],
    after: dict[FactKey, Any],
    added: ChangeKind,
    removed: ChangeKind,
    changed: tuple[ChangeKind, str] | None = None,
) -> list[Change]:
    """Keys added and removed; with ``changed`` (kind, field), values whose field differs."""
    found: list[Change] = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old is None:
            found.append(Change(key, added, None, new))
        elif new is None:
            found.append(Change(key, removed, old, None))
        elif changed is not None and old.get(changed[1]) != new.get(changed[1]):
            found.append(Change(key, changed[0], old, new))
    return found


def analysis_changes(before: ScopeAnalysis, after: ScopeAnalysis) -> list[Change]:
    """People who joined or left the map, warnings gained or lost, plan steps that moved.

    A plan step *moved* when its order changed or it entered or left the plan; a score change
    alone is not a move.
    """
    moved = ChangeKind.PLAN_STEP_MOVED
    return [
        *_compare(_people(before), _people(after), ChangeKind.MAP_JOINED, ChangeKind.MAP_LEFT),
        *_compare(
            _warnings(before), _warnings(after), ChangeKind.WARNING_GAINED, ChangeKind.WARNING_LOST
        ),
        *_compare(_plan(before), _plan(after), moved, moved, (moved, "order")),
    ]


async def map_changes(
    cache: AnalysisCache,
    ws: WorkspaceStore,
    kind: ScopeKind,
    key: str,
    since: dt.datetime,
    until: dt.datetime | None = None,
) -> list[Change]:
    """Everything that differs for a deal or an account from ``since`` to ``until`` (now).

    The net fact changes (:func:`changes_between`), then :func:`analysis_changes` of the scope
    analysed as it stood at both moments. A ``since`` before the workspace's history compares
    with the earliest state the history knows; one before the retained horizon is refused.

    The fact changes, the history's horizon and the analyses at both moments do not depend on
    each other (the earlier analysis only moves to where the history begins when ``since`` is
    before it): they are read at once, and their results taken in that order, so a refusal of
    the window or of ``since`` wins over what the analyses found.
    """
    start = as_utc(since)
    found_f = asyncio.ensure_future(
        changes_between(
            ws,
            since,
            until,
            deal_id=key if kind == "deal" else None,
            organisation_id=key if kind == "account" else None,
        )
    )
    # The history's horizon is asked here and by the past read's check of ``since``, and both
    # analyses start from the present scope (the past one undoes the events since): each is
    # read once for all of them.
    horizon = horizon_once(ws)
    horizon_f = asyncio.ensure_future(horizon())
    present = present_once(ws, kind, key)
    before_f = asyncio.ensure_future(_analysis_at(cache, ws, kind, key, start, present, horizon))
    after_f = asyncio.ensure_future(_analysis_at(cache, ws, kind, key, until, present, horizon))
    await asyncio.gather(found_f, horizon_f, before_f, after_f, return_exceptions=True)
    found = found_f.result()
    pruned, first = horizon_f.result()
    if (pruned is not None and start < pruned) or start > dt.datetime.now(dt.UTC):
        await check_moment(ws, since, "since", horizon)  # refuses, naming the horizon or now
    if until is not None:
        # The later analysis is the past read's at ``until``: its refusal names the field given.
        await check_moment(ws, until, "until", horizon)
    if first is None:
        if not found:
            await cache.get(ws, kind, key)  # a scope that is not there is not found, not unchanged
        return found
    if start < first:  # before the history began: the earliest state it knows
        before = await _analysis_at(cache, ws, kind, key, first, present, horizon)
    else:
        before = before_f.result()
    after = after_f.result()
    if before is None and after is None and not found:
        what = "deal" if kind == "deal" else "organisation"
        raise NotFound(f"no {what} {key!r} in this workspace", kind=what)
    empty = analyse(Scope(kind, key, [], [], [], []))
    return [*found, *analysis_changes(before or empty, after or empty)]


async def _analysis_at(
    cache: AnalysisCache,
    ws: WorkspaceStore,
    kind: ScopeKind,
    key: str,
    at: dt.datetime | None,
    present: PresentRead,
    horizon: HorizonRead,
) -> ScopeAnalysis | None:
    """The scope analysed at ``at`` (now if ``None``); ``None`` when it did not exist then."""
    try:
        return await cache.get(ws, kind, key, at=at, present=present, horizon=horizon)
    except NotFound:
        return None
