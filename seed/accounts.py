"""One account of the demo: its people in a reporting tree, their influence, its deals."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from seed import vocabulary as v
from seed.people import AccountSlot, Member, person_id, person_row
from seed.records import (
    BuyingCentreRow,
    DealRow,
    InfluenceRow,
    JourneyRow,
    Record,
    ReportingRow,
)

if TYPE_CHECKING:
    from seed.generator import SeedConfig

__all__ = ["account_records"]

_STANCES = ("champion", "supporter", "neutral", "neutral", "sceptic", "blocker", "unknown")
_STAGES = ("awareness", "intrigue", "trust", "conviction", "expectation")
_JOURNEY_START = date(2024, 1, 1)
_JOURNEY_NOTES = ("", "", "", "first call", "workshop", "reference call", "pilot review")


def account_records(
    config: SeedConfig, account: AccountSlot, rng: random.Random
) -> Iterator[Record]:
    """People (in breadth-first order, so senior first), reporting lines, influence, deals."""
    domain = f"{account.org_id.lower()}.example"
    members: list[Member] = []
    parents: list[int] = []  # index of each member's solid-line manager, -1 for the root
    records: list[Record] = []

    def add(level: int, dept: str, title: str, parent: int) -> None:
        n = account.first + len(members)
        members.append(Member(person_id(n), level, dept))
        parents.append(parent)
        records.append(person_row(n, account.org_id, level, dept, title, rng, domain))

    if account.size >= 30:
        add(7, "Board", rng.choice(v.BOARD_TITLES), -1)
    add(7, "Executive", v.CEO_TITLE, len(members) - 1)
    ceo = len(members) - 1
    roles = {dept: role for dept, _, role in v.DEPARTMENTS}
    heads = rng.sample(v.DEPARTMENTS, min(len(v.DEPARTMENTS), max(2, account.size // 12)))
    queue: deque[int] = deque()
    for dept, chief, _ in heads:
        if len(members) < account.size:
            add(6, dept, chief, ceo)
            queue.append(len(members) - 1)
    managers: list[int] = []
    while len(members) < account.size:
        if queue:
            boss = queue.popleft()
        else:  # the tree is full: more individual contributors under the managers
            boss = managers[len(members) % len(managers)] if managers else ceo
        b = members[boss]
        for _ in range(rng.randint(3, 8) if queue or not managers else 1):
            if len(members) >= account.size:
                break
            # Under a manager: individual contributors, about a third of them senior.
            level = (2 if rng.random() < 0.35 else 1) if b.level <= 3 else b.level - 1
            role = roles.get(b.department, "Analyst")
            add(level, b.department, v.title_for(level, b.department, role, rng.randrange(3)), boss)
            if level >= 3:
                queue.append(len(members) - 1)
                if level == 3:
                    managers.append(len(members) - 1)
    yield from records
    records.clear()

    for i, parent in enumerate(parents):
        if parent >= 0:
            yield ReportingRow(members[i].id, members[parent].id, "solid")
            if members[i].level < 6 and rng.random() < config.matrix_share:
                second = _matrix_manager(members, i, parent, rng)
                if second is not None:
                    yield ReportingRow(members[i].id, members[second].id, "matrix")
    # Journeys and status stakes draw from their own generators, so the rest of the account
    # is as it was before they existed.
    stake_rng = random.Random(f"statusmap:{config.seed}:stake:{account.org_id}")
    yield from _influences(config, members, rng, stake_rng)
    journey_rng = random.Random(f"statusmap:{config.seed}:journey:{account.org_id}")
    yield from _deals(account, members, rng, journey_rng, stake_rng)


def _matrix_manager(members: list[Member], i: int, parent: int, rng: random.Random) -> int | None:
    """A second manager one level up in another department; earlier in BFS order, so no cycle."""
    level = members[i].level
    for _ in range(8):
        j = rng.randrange(0, i) if i > 0 else 0
        if (
            j != parent
            and members[j].level > level
            and members[j].department
            not in (
                members[i].department,
                "Board",
            )
        ):
            return j
    return None


def _influences(
    config: SeedConfig, members: list[Member], rng: random.Random, basis_rng: random.Random
) -> Iterator[InfluenceRow]:
    """Who moves whose view: mostly seniors and peers of the same department."""
    by_dept: dict[str, list[int]] = {}
    for i, m in enumerate(members):
        by_dept.setdefault(m.department, []).append(i)
    for i, target in enumerate(members):
        count = int(config.influences_per_person)
        count += rng.random() < config.influences_per_person - count
        seen: set[int] = {i}
        for _ in range(count):
            same = by_dept[target.department]
            j = rng.choice(same) if rng.random() < 0.75 else rng.randrange(len(members))
            if j in seen:
                continue
            seen.add(j)
            source = members[j]
            if source.department != target.department:
                kind = "social"
            elif source.level >= target.level + 2:
                kind = "sponsor"
            elif source.level > target.level:
                kind = "advice"
            else:
                kind = "peer"
            base = 0.3 + 0.08 * max(0, source.level - target.level)
            weight = min(1.0, base + rng.uniform(0.0, 0.4))
            # Most ties work as their kind says; a cross-department tie that carries figures
            # rather than approval is recorded as informational.
            if kind == "social" and basis_rng.random() < 0.15:
                yield InfluenceRow(
                    source.id,
                    target.id,
                    f"{weight:.2f}",
                    kind,
                    "shares benchmark figures",
                    "informational",
                )
            else:
                yield InfluenceRow(source.id, target.id, f"{weight:.2f}", kind, "")


def _deals(
    account: AccountSlot,
    members: list[Member],
    rng: random.Random,
    journey_rng: random.Random,
    stake_rng: random.Random,
) -> Iterator[Record]:
    """One or two deals, each with a buying centre of up to a dozen people and their journeys."""
    for d in range(1 if rng.random() < 0.7 else 2):
        deal_id = f"D-{account.org_id.removeprefix('ORG-')}-{d + 1}"
        amount = rng.randrange(20, 2000) * 1000
        yield DealRow(
            deal_id,
            f"{rng.choice(v.TECHNOLOGIES)} rollout",
            account.org_id,
            str(amount),
            f"2025-{rng.randint(1, 12):02d}-15",
        )
        size = min(len(members), rng.randint(4, 12))
        chosen = sorted(rng.sample(range(min(len(members), max(size, len(members) // 3))), size))
        for rank, i in enumerate(chosen):
            m = members[i]
            roles: set[str] = set()
            if rank == 0:
                roles.add("decider")
            if m.department in ("Finance", "Procurement"):
                roles.add("buyer" if m.department == "Procurement" else "approver")
            if m.department == "IT" and m.level <= 4:
                roles.add("gatekeeper")
            if m.level <= 2:
                roles.add("user")
            if not roles or rng.random() < 0.3:
                roles.add(rng.choice(("influencer", "initiator", "champion", "influencer")))
            stance = rng.choice(_STANCES)
            stage = rng.choice(_STAGES)
            yield BuyingCentreRow(
                deal_id, m.id, ";".join(sorted(roles)), stance, stage, *_stake(m, stance, stake_rng)
            )
            yield from _journey(deal_id, m.id, stage, journey_rng)


# What the deal does to a member's standing, by their stance towards us: those for us mostly
# gain, those against mostly lose; a few are not known yet.
_OUTCOMES_BY_STANCE = {
    "champion": ("gains", "gains", "gains", "neutral"),
    "supporter": ("gains", "gains", "neutral", "unknown"),
    "neutral": ("neutral", "neutral", "gains", "loses", "unknown"),
    "sceptic": ("loses", "loses", "neutral", "unknown"),
    "blocker": ("loses", "loses", "loses", "neutral"),
    "unknown": ("unknown", "unknown", "gains", "loses"),
}


def _stake(m: Member, stance: str, rng: random.Random) -> tuple[str, str, str, str]:
    """Motive, outcome, evidence and aspiration of a member: seniors more often stand out."""
    outcome = rng.choice(_OUTCOMES_BY_STANCE[stance])
    stand_out = 0.6 if m.level >= 5 else 0.35
    roll = rng.random()
    motive = "unknown" if roll < 0.2 else "stand_out" if roll < 0.2 + stand_out * 0.8 else "fit_in"
    evidence = v.stake_evidence(outcome, m.department, rng) if outcome != "unknown" else ""
    aspiration = str(m.level + 1) if m.level < 6 and rng.random() < 0.4 else ""
    return motive, outcome, evidence, aspiration


def _journey(deal_id: str, member: str, stage: str, rng: random.Random) -> Iterator[JourneyRow]:
    """For about two members in three, the dated stages that led to ``stage`` (it comes last)."""
    if rng.random() >= 0.65:
        return
    last = _STAGES.index(stage)
    day = _JOURNEY_START + timedelta(days=rng.randrange(300))
    for stage_reached in _STAGES[rng.randint(0, last) : last + 1]:
        yield JourneyRow(
            deal_id, member, stage_reached, day.isoformat(), rng.choice(_JOURNEY_NOTES)
        )
        day += timedelta(days=rng.randint(3, 45))
