"""People of the demo: their ids, their rows, and what an account keeps of them while it is made."""

from __future__ import annotations

import random
from dataclasses import dataclass

from seed import vocabulary as v
from seed.records import PersonRow

__all__ = ["AccountSlot", "Member", "person_id", "person_row"]


@dataclass(slots=True)
class Member:
    id: str
    level: int
    department: str


@dataclass(frozen=True, slots=True)
class AccountSlot:
    org_id: str
    first: int  # index of its first person
    size: int


def person_id(n: int) -> str:
    return f"P{n:07d}"


def person_row(
    n: int, org: str, level: int, dept: str, title: str, rng: random.Random, domain: str
) -> PersonRow:
    first, last = rng.choice(v.FIRST_NAMES), rng.choice(v.LAST_NAMES)
    needs = ";".join(sorted(rng.sample(v.NEEDS, rng.randint(0, 2))))
    tags = ";".join(sorted(rng.sample(v.TAGS, rng.randint(0, 2))))
    email = f"{first.lower()}.{last.lower()}.{n}@{domain}"
    return PersonRow(person_id(n), first, last, title, dept, email, org, str(level), needs, tags)
