"""A large account for the browser tests: 2,000 people at one customer, in twelve departments,
with reporting lines, about 3,000 influence edges, a deal with a buying centre of twelve, and a
few of our and a partner's people who know some of them. Written in one CSV upload (the same
bulk path as an import from the page), deterministic for a given workspace key."""

from __future__ import annotations

import csv
import io
import random
import uuid
from dataclasses import dataclass

from tests.e2e.scenario import api_client, create_workspace

PEOPLE = 2_000
DEPARTMENTS = [
    "Finance", "IT", "Operations", "Procurement", "Sales", "Marketing",
    "Legal", "HR", "Logistics", "Engineering", "Customer service", "Strategy",
]  # fmt: skip
# level → how many people hold it (board at the top, most people individual contributors)
LEVELS = {7: 3, 6: 9, 5: 36, 4: 120, 3: 330, 2: 600}
TITLES = {
    7: "Board member",
    6: "Chief Officer",
    5: "VP",
    4: "Director",
    3: "Manager",
    2: "Senior Specialist",
    1: "Specialist",
}
DEAL_NAME = "Group-wide platform"
ROLES = ["decider", "approver", "buyer", "influencer", "gatekeeper", "user", "initiator"]
STANCES = ["sceptic", "neutral", "supporter", "champion", "blocker", "unknown"]


@dataclass(frozen=True)
class LargeAccount:
    workspace: str
    people: int
    """People at the customer (ours and the partner's come on top)."""
    drawn: int
    """Everyone the deal's map draws: the customer's people, ours and the partner's."""
    member_name: str
    """A member of the buying centre, for clicking."""


def _table(header: list[str], rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _files(
    ws: str, people_count: int = PEOPLE, members_count: int = 12
) -> tuple[dict[str, bytes], str]:
    rng = random.Random(ws)
    customer, partner, home, deal = f"{ws}-globex", f"{ws}-acme", f"{ws}-us", f"{ws}-deal"
    levels = [lvl for lvl, n in LEVELS.items() for _ in range(n)]
    levels += [1] * (people_count - len(levels))
    people: list[list[object]] = []
    placed: list[tuple[str, str, int]] = []  # id, department, level
    by_level: dict[tuple[str, int], list[str]] = {}
    for i, level in enumerate(levels):
        pid = f"{ws}-p{i:04d}"
        dept = "Board" if level == 7 else DEPARTMENTS[i % len(DEPARTMENTS)]
        title = f"{TITLES[level]}, {dept}" if level < 7 else TITLES[level]
        people.append([pid, f"Person{i:04d}", f"Surname{i % 97}", title, dept, customer, level])
        placed.append((pid, dept, level))
        by_level.setdefault((dept, level), []).append(pid)
    # everyone below the C-suite reports to someone one level up in their department
    reporting: list[list[object]] = [
        [pid, rng.choice(by_level[(dept, level + 1)])]
        for pid, dept, level in placed
        if level < 6 and by_level.get((dept, level + 1))
    ]
    ids = [pid for pid, _, _ in placed]
    influences: dict[tuple[str, str], list[object]] = {}
    while len(influences) < people_count * 3 // 2:
        a, b = rng.sample(ids, 2)
        kind = rng.choice(["advice", "peer", "sponsor", "social"])
        influences[(a, b)] = [a, b, round(rng.uniform(0.1, 0.9), 2), kind]
    ours = [
        [f"{ws}-us{i}", "Our", f"Seller{i}", "Account Executive", "", home, 3] for i in range(4)
    ]
    theirs = [
        [f"{ws}-pa{i}", "Partner", f"Consultant{i}", "Consultant", "", partner, 4] for i in range(3)
    ]
    # board and C-suite, then VPs and directors: a buying centre of `members_count`
    members = ids[3 : 3 + members_count]
    knows = [[str(p[0]), rng.choice(members + ids[:60]), 0.6] for p in ours + theirs]
    files = {
        "organisations.csv": _table(
            ["id", "name", "kind"],
            [
                [customer, "Globex Group", "customer"],
                [partner, "Acme Partners", "partner"],
                [home, "Statusmap Ltd", "home"],
            ],
        ),
        "people.csv": _table(
            ["id", "first_name", "last_name", "title", "department", "organisation_id", "level"],
            people + ours + theirs,
        ),
        "reporting.csv": _table(["person_id", "manager_id"], reporting),
        "influences.csv": _table(
            ["source_id", "target_id", "weight", "kind"], list(influences.values())
        ),
        "knows.csv": _table(["source_id", "target_id", "strength"], knows),
        "deals.csv": _table(["id", "name", "organisation_id"], [[deal, DEAL_NAME, customer]]),
        "buying_centre.csv": _table(
            ["deal_id", "person_id", "roles", "stance"],
            [
                [deal, m, ROLES[i % len(ROLES)], STANCES[i % len(STANCES)]]
                for i, m in enumerate(members)
            ],
        ),
    }
    return files, "Person0003 Surname3"


def build_large_account(
    base_url: str, people: int = PEOPLE, members: int = 12, prefix: str = "e2e-big"
) -> LargeAccount:
    ws = f"{prefix}-{uuid.uuid4().hex[:6]}"
    files, member = _files(ws, people, members)
    with api_client(base_url) as client:
        create_workspace(client, ws, f"Large {ws}")
        upload = [("files", (name, body, "text/csv")) for name, body in files.items()]
        response = client.post(f"/workspaces/{ws}/imports", files=upload, timeout=300)
        assert response.status_code == 200, response.text[:2000]
        assert response.json()["applied"], response.text[:2000]
    return LargeAccount(ws, people, people + 7, member)
