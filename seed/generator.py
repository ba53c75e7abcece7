"""A deterministic generator of realistic demo workspaces, streamed record by record.

``generate(SeedConfig(accounts=20, people=2000, seed=7))`` yields plain records — one dataclass
per CSV kind of :mod:`graph.imports.formats`, with the same field names as the columns — in a
fixed order. The same configuration always yields the same records (every random choice comes
from a ``random.Random`` seeded by the seed and the account), and nothing but one account's
people is held in memory, so a million people stream through in constant memory per account.

What it makes:

* our own (home) organisation and its team, who KNOW people in the accounts;
* partners, which PARTNER_WITH several accounts and whose people know people there;
* external consultants and analysts whose INFLUENCE reaches people in several accounts;
* customer and prospect accounts with firmographics, each with a reporting tree (board, CEO,
  C-suite per department, then VP, director, manager, senior and individual contributors,
  titles matching those levels), about 5% matrix second managers, influence edges (advice from
  seniors, peers, sponsors, social ties across departments) and one or two deals, each with a
  buying centre: roles, stances and journey stages.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from graph.imports.formats import FORMATS
from seed import vocabulary as v
from seed.accounts import account_records
from seed.people import AccountSlot, person_id, person_row
from seed.records import (
    KIND_OF,
    InfluenceRow,
    KnowsRow,
    OrganisationRow,
    PartnershipRow,
    Record,
)

__all__ = ["SeedConfig", "generate"]

_BASE_DAY = date(2024, 1, 1)


@dataclass(frozen=True, slots=True)
class SeedConfig:
    """How big a demo to make, and the seed that makes it reproducible."""

    accounts: int = 10
    people: int = 1000
    seed: int = 1
    influences_per_person: float = 3.0
    matrix_share: float = 0.05
    prefix: str = ""  # put before every id, so several demos can share one database

    def __post_init__(self) -> None:
        if self.accounts < 1 or self.people < 10 * self.accounts // 2 or self.people < 20:
            raise ValueError(
                f"need at least 1 account, 20 people and 5 people per account "
                f"(got {self.accounts} accounts, {self.people} people)"
            )


def _plan(config: SeedConfig, rng: random.Random) -> tuple[int, int, list[int]]:
    """Home team size, people per partner, and people per account (summing to the total)."""
    home = max(3, min(200, config.people // 100))
    per_partner = 4 if config.people < 5000 else 10
    externals = 2 * 3
    partners = _partner_count(config)
    rest = config.people - home - partners * per_partner - externals
    weights = [min(rng.paretovariate(1.3), 20.0) for _ in range(config.accounts)]
    total = sum(weights)
    sizes = [max(5, int(rest * w / total)) for w in weights]
    sizes[0] += rest - sum(sizes)
    return home, per_partner, sizes


def _partner_count(config: SeedConfig) -> int:
    return max(1, min(50, config.accounts // 4))


def _day(rng: random.Random) -> str:
    return (_BASE_DAY + timedelta(days=rng.randrange(600))).isoformat()


def _organisation(org_id: str, kind: str, rng: random.Random) -> OrganisationRow:
    industry, word = rng.choice(v.INDUSTRIES)
    employees = int(min(rng.paretovariate(0.9) * 40, 250_000))
    country, region = rng.choice(v.COUNTRIES)
    bands = ((50, "1-49"), (250, "50-249"), (1000, "250-999"), (5000, "1000-4999"))
    size_band = next((b for limit, b in bands if employees < limit), "5000+")
    revenue = employees * rng.randint(80, 400)  # thousands
    revenue_band = (
        ("<10M" if revenue < 10_000 else "10M-100M" if revenue < 100_000 else "100M-1B")
        if revenue < 1_000_000
        else "1B+"
    )
    name = f"{rng.choice(v.NAME_STEMS)} {word} {rng.choice(v.LEGAL_FORMS)}"
    techs = ";".join(sorted(rng.sample(v.TECHNOLOGIES, rng.randint(1, 5))))
    return OrganisationRow(
        org_id,
        name,
        kind,
        industry,
        str(employees),
        size_band,
        revenue_band,
        country,
        region,
        techs,
    )


def _domain(org: OrganisationRow) -> str:
    return f"{org.name.split()[0].lower()}-{org.id.lower()}.example"


def generate(config: SeedConfig) -> Iterator[Record]:
    """Yield every record of a demo workspace, deterministically for ``config``."""
    if not config.prefix:
        yield from _generate(config)
        return
    for record in _generate(config):
        columns = FORMATS[KIND_OF[type(record)]].columns
        ids = {c.name: getattr(record, c.name) for c in columns if c.type == "id"}
        # An optional reference left empty (an influence's reported_by) stays empty.
        yield replace(record, **{k: config.prefix + v for k, v in ids.items() if v})


def _generate(config: SeedConfig) -> Iterator[Record]:
    rng = random.Random(f"statusmap:{config.seed}:plan")
    home_size, per_partner, sizes = _plan(config, rng)
    partner_count = _partner_count(config)

    home = OrganisationRow(
        "ORG-HOME",
        "Statusmap Demo Ltd",
        "home",
        "Software",
        str(home_size),
        "50-249",
        "10M-100M",
        "GB",
        "EMEA",
        "HubSpot;Slack",
    )
    yield home
    partners = [_organisation(f"ORG-PTN{i:03d}", "partner", rng) for i in range(partner_count)]
    externals = [
        OrganisationRow(
            f"ORG-EXT{i}", name, "partner", industry, "120", "50-249", "10M-100M", "US", "AMER", ""
        )
        for i, (name, industry) in enumerate(
            (("Clearview Advisory", "Consulting"), ("Signal Research", "Analyst firm"))
        )
    ]
    yield from partners
    yield from externals
    accounts: list[AccountSlot] = []
    n = 0
    for i, size in enumerate(sizes):
        kind = "customer" if rng.random() < 0.4 else "prospect"
        org = _organisation(f"ORG-{i + 1:06d}", kind, rng)
        yield org
        accounts.append(AccountSlot(org.id, n, size))
        n += size

    for i, account in enumerate(accounts):
        acc_rng = random.Random(f"statusmap:{config.seed}:acc:{i}")
        yield from account_records(config, account, acc_rng)

    # Our team, partners' people and external experts come after the accounts they reach.
    side = random.Random(f"statusmap:{config.seed}:side")
    team = list(range(n, n + home_size))
    for k, p in enumerate(team):
        level = 7 if k == 0 else side.choice((5, 4, 3, 2, 2, 1))
        dept, _, role = v.DEPARTMENTS[5]
        title = v.CEO_TITLE if k == 0 else v.title_for(level, "Sales", role, side.randrange(3))
        yield person_row(p, home.id, level, dept, title, side, "statusmap-demo.example")
        for target in _senior_sample(accounts, side, side.randint(3, 12)):
            yield KnowsRow(person_id(p), target, f"{side.uniform(0.2, 1.0):.2f}", _day(side))
    n += home_size
    for org in partners:
        reach = side.sample(accounts, min(len(accounts), side.randint(2, 6)))
        for account in reach:
            yield PartnershipRow(org.id, account.org_id)
        for _ in range(per_partner):
            level = side.choice((5, 4, 3))
            title = v.title_for(level, "Alliances", "Consultant", side.randrange(3))
            yield person_row(n, org.id, level, "Alliances", title, side, _domain(org))
            for target in _senior_sample(reach, side, side.randint(2, 8)):
                yield KnowsRow(person_id(n), target, f"{side.uniform(0.1, 1.0):.2f}", _day(side))
            n += 1
    for org in externals:
        for _ in range(3):
            level = side.choice((5, 4, 2))
            role = "Analyst" if "Analyst" in org.industry else "Consultant"
            yield person_row(
                n,
                org.id,
                level,
                "Advisory",
                v.title_for(level, "Advisory", role, 0),
                side,
                _domain(org),
            )
            reach = side.sample(accounts, min(len(accounts), side.randint(2, 6)))
            for target in _senior_sample(reach, side, side.randint(4, 15)):
                weight = f"{side.uniform(0.3, 0.9):.2f}"
                yield InfluenceRow(person_id(n), target, weight, "external", "analyst briefing")
            n += 1


def _senior_sample(accounts: list[AccountSlot], rng: random.Random, count: int) -> list[str]:
    """Distinct people from ``accounts``, mostly senior (early in each account's BFS order)."""
    picked: set[str] = set()
    for _ in range(count):
        account = rng.choice(accounts)
        top = max(1, account.size // 8)
        picked.add(
            person_id(account.first + min(account.size - 1, int(rng.random() ** 2 * top * 2)))
        )
    return sorted(picked)
