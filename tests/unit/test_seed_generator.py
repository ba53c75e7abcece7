"""The demo generator: deterministic, streaming, realistic, and consistent with import rules."""

from __future__ import annotations

import hashlib
import inspect
from collections import Counter, defaultdict
from dataclasses import fields
from pathlib import Path

import pytest

from graph.imports.formats import FORMATS, ID_PATTERN, INFLUENCE_KINDS, ROLES, STANCES
from graph.rules.titles import infer_rank
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate
from seed.records import (
    KIND_OF,
    BuyingCentreRow,
    JourneyRow,
    OrganisationRow,
    PersonRow,
    Record,
)

CONFIG = SeedConfig(accounts=12, people=1500, seed=42)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return list(generate(CONFIG))


def _digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in directory.iterdir()}


def test_record_fields_are_the_csv_columns() -> None:
    for record_type, kind in KIND_OF.items():
        assert tuple(f.name for f in fields(record_type)) == FORMATS[kind].column_names


def test_same_seed_gives_byte_identical_csv_and_another_seed_does_not(tmp_path: Path) -> None:
    write_csv_files(generate(CONFIG), tmp_path / "a")
    write_csv_files(generate(CONFIG), tmp_path / "b")
    write_csv_files(generate(SeedConfig(accounts=12, people=1500, seed=43)), tmp_path / "c")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a")["people.csv"] != _digest(tmp_path / "c")["people.csv"]
    assert sorted(_digest(tmp_path / "a")) == sorted(f.file_name for f in FORMATS.values())


def test_generate_streams_instead_of_building_lists() -> None:
    assert inspect.isgenerator(generate(CONFIG))
    first = next(generate(SeedConfig(accounts=1000, people=1_000_000, seed=1)))
    assert isinstance(first, OrganisationRow) and first.kind == "home"


def test_exact_people_count_and_every_org_kind(records: list[Record]) -> None:
    counts = Counter(KIND_OF[type(r)] for r in records)
    assert counts["people"] == CONFIG.people
    kinds = {r.kind for r in records if isinstance(r, OrganisationRow)}
    assert kinds == {"customer", "prospect", "partner", "home"}
    for kind in ("reporting", "influences", "knows", "partnerships", "deals", "buying_centre"):
        assert counts[kind] > 0, kind


def test_titles_infer_to_the_generated_level(records: list[Record]) -> None:
    people = [r for r in records if isinstance(r, PersonRow)]
    wrong = [(p.title, p.level) for p in people if p.title and infer_rank(p.title) != int(p.level)]
    assert wrong == []
    assert {int(p.level) for p in people} == set(range(1, 8))


def test_ids_keys_and_references_are_consistent(records: list[Record]) -> None:
    ids: dict[str, set[str]] = defaultdict(set)
    keys: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for r in records:
        kind = KIND_OF[type(r)]
        fmt = FORMATS[kind]
        keys[kind][tuple(getattr(r, k) for k in fmt.key)] += 1
        if "id" in fmt.column_names:
            ids[kind].add(r.id)  # type: ignore[union-attr]
    for kind, counter in keys.items():
        assert max(counter.values()) == 1, f"duplicate key in {kind}"
    for r in records:
        fmt = FORMATS[KIND_OF[type(r)]]
        for column in fmt.columns:
            value = getattr(r, column.name)
            if not (column.required or value):  # an optional reference left empty
                continue
            if column.type == "id":
                assert ID_PATTERN.match(value), value
            if column.ref:
                assert value in ids[column.ref], (fmt.kind, column.name, value)


def test_reporting_has_matrix_lines_and_no_cycles(records: list[Record]) -> None:
    lines = [r for r in records if KIND_OF[type(r)] == "reporting"]
    matrix = sum(r.line == "matrix" for r in lines)  # type: ignore[union-attr]
    assert 0.01 < matrix / len(lines) < 0.1
    managers: dict[str, list[str]] = defaultdict(list)
    for r in lines:
        managers[r.person_id].append(r.manager_id)  # type: ignore[union-attr]
    for start in managers:  # walking up always ends: no one is their own manager's manager
        seen, frontier = {start}, list(managers[start])
        while frontier:
            m = frontier.pop()
            assert m != start
            if m not in seen:
                seen.add(m)
                frontier.extend(managers.get(m, []))


def test_influences_and_buying_centres_use_known_values(records: list[Record]) -> None:
    influences = [r for r in records if KIND_OF[type(r)] == "influences"]
    assert {r.kind for r in influences} == set(INFLUENCE_KINDS)  # type: ignore[union-attr]
    assert all(0 <= float(r.weight) <= 1 for r in influences)  # type: ignore[union-attr]
    external = [r for r in influences if r.kind == "external"]  # type: ignore[union-attr]
    assert external, "consultants and analysts influence people"
    members = [r for r in records if isinstance(r, BuyingCentreRow)]
    assert {role for m in members for role in m.roles.split(";")} <= set(ROLES)
    assert {m.stance for m in members} <= set(STANCES)
    deals = {m.deal_id for m in members}
    deciders = {m.deal_id for m in members if "decider" in m.roles.split(";")}
    assert deciders == deals


def test_journeys_lead_in_date_order_to_the_members_current_stage(records: list[Record]) -> None:
    stage_of = {
        (m.deal_id, m.person_id): m.journey_stage for m in records if isinstance(m, BuyingCentreRow)
    }
    journeys: dict[tuple[str, str], list[JourneyRow]] = defaultdict(list)
    for event in (r for r in records if isinstance(r, JourneyRow)):
        journeys[event.deal_id, event.person_id].append(event)
    assert 0.4 < len(journeys) / len(stage_of) < 0.9
    stages = FORMATS["journey"].column("stage").choices
    for member, events in journeys.items():
        assert events[-1].stage == stage_of[member]
        assert [e.at for e in events] == sorted({e.at for e in events})
        assert [stages.index(e.stage) for e in events] == sorted(
            stages.index(e.stage) for e in events
        )


def test_too_small_a_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        SeedConfig(accounts=10, people=15)
