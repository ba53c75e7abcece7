"""Compiled reads against the reference: the same bytes as the general executor, always.

Two apps in this process on the session's store and driver, one compiling the hot reads
(api/graphql/compiled.py) and one with ``compiled_reads`` off, answer the same requests over
ASGI; the bodies and statuses must be equal byte for byte (data, errors, key order, list order).
The shapes are the buying centre and the person read (the benchmark's and fuller ones) on
every deal and on people of the demo and of generated data, then selections within those
shapes drawn by Hypothesis (fields, aliases, repeated fields, arguments). The guards are checked
too: a caller without a role, a workspace that does not exist, the cost limit; there the
compiled path must have stepped aside. A database that does not answer gets the same 503 from
both, the compiled path answering it without a second attempt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import AsyncGraphDatabase

from api.app import create_app
from api.graphql.compiled import CompiledReads
from api.settings import Settings
from benchmarks.serving import BUYING_CENTRE, PERSON
from graph.database.store import Store
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository.auth import issue_token
from seed.demo import DEMO
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate
from tests.conftest import asgi_client
from tests.live_server import free_port

pytestmark = pytest.mark.integration

PERSON_FIELDS = "key id name title department email needs tags __typename"
LEVEL = "level { rank name inferred ladder { key name __typename } __typename }"
ORGANISATION = (
    "organisation { key id name kind industry sizeBand revenueBand country region "
    "technologies __typename }"
)
INFLUENCE = "weight kind evidence since until basis basisRecorded __typename"

FULL_DEAL = f"""
query FullDeal($workspace: ID!, $deal: ID!) {{
  workspace(id: $workspace) {{
    key id name __typename
    deal(id: $deal) {{
      key id name __typename {ORGANISATION}
      buyingCentre {{
        roles stance stage motive outcome evidence aspiration __typename
        person {{
          {PERSON_FIELDS} {LEVEL} {ORGANISATION}
          influencers {{ {INFLUENCE} person {{ {PERSON_FIELDS} {LEVEL} }} }}
          above: influencers(higherStatusOnly: true, minWeight: 0.3) {{ weight person {{ key }} }}
        }}
      }}
    }}
  }}
}}"""

FULL_PERSON = f"""
query FullPerson($workspace: ID!, $person: ID!) {{
  workspace(id: $workspace) {{
    name
    person(id: $person) {{
      {PERSON_FIELDS} {LEVEL} {ORGANISATION}
      influencers {{ {INFLUENCE} person {{ key name {LEVEL} }} }}
      above: influencers(higherStatusOnly: true) {{ weight person {{ key }} }}
      influences(minWeight: 0.5) {{ {INFLUENCE} person {{ key {ORGANISATION} }} }}
      reportsTo {{ key name {LEVEL} }}
      directReports {{ key reportsTo {{ key }} }}
      knows {{ strength lastContact __typename person {{ key name }} }}
      knownBy {{ strength lastContact person {{ key knows {{ strength person {{ key }} }} }} }}
    }}
  }}
}}"""


@dataclass
class Workspace:
    key: str
    deals: list[str]
    people: list[str]
    chosen: list[str]
    """One person of each kind the person read tells apart (see ``CHOSEN``)."""


CHOSEN = """
MATCH (p:Person {workspace: $ws})
WITH p, [
  EXISTS { (p)-[:AT_LEVEL]->() }, EXISTS { (p)-[:WORKS_AT]->() },
  EXISTS { (p)<-[:INFLUENCES]-() }, EXISTS { (p)-[:INFLUENCES]->() },
  EXISTS { (p)-[:REPORTS_TO]->() }, EXISTS { (p)<-[:REPORTS_TO]-() },
  EXISTS { (p)-[:KNOWS]->() }, EXISTS { (p)<-[:KNOWS]-() },
  p.title IS NULL, p.email IS NULL, p.needs IS NULL, p.tags IS NULL
] AS kind
ORDER BY p.id
WITH kind, collect(p.id)[..2] AS first
UNWIND first AS id
RETURN collect(id) AS people"""


@dataclass
class Pair:
    """The same app twice: compiling the hot reads, and not."""

    compiled_app: FastAPI
    general_app: FastAPI

    @property
    def compiled(self) -> CompiledReads:
        reads: CompiledReads = self.compiled_app.state.compiled_reads
        return reads

    async def both(
        self, document: str, variables: dict[str, Any], token: str
    ) -> tuple[httpx.Response, httpx.Response]:
        payload = {"query": document, "variables": variables}
        answers = []
        for app in (self.compiled_app, self.general_app):
            async with asgi_client(app, token) as client:
                answers.append(await client.post("/graphql", json=payload, timeout=120))
        return answers[0], answers[1]

    async def same(self, document: str, variables: dict[str, Any], token: str) -> bytes:
        """Both answers, asserted equal byte for byte; the body."""
        compiled, general = await self.both(document, variables, token)
        assert compiled.status_code == general.status_code, (compiled.text, general.text)
        assert compiled.content == general.content, (compiled.text[:2000], general.text[:2000])
        assert compiled.headers.get("retry-after") == general.headers.get("retry-after")
        return compiled.content


def _twin(app: FastAPI, settings: Settings, store: Store | None = None) -> FastAPI:
    """``create_app(settings)`` serving on ``app``'s running store, tokens and caches.

    Its lifespan is not run: it shares what ``app``'s made (``store`` replaces the store).
    """
    twin = create_app(settings)
    for name in ("store", "tokens", "analysis", "neo4j_uri"):
        setattr(twin.state, name, getattr(app.state, name))
    twin.state.settings = settings
    if store is not None:
        twin.state.store = store
    return twin


def _pair(app: FastAPI, settings: Settings, store: Store | None = None) -> Pair:
    return Pair(
        _twin(app, settings.model_copy(update={"compiled_reads": True}), store),
        _twin(app, settings.model_copy(update={"compiled_reads": False}), store),
    )


async def _imported(app: FastAPI, token: str, config: SeedConfig, directory: Path) -> Workspace:
    key = f"cr-{uuid.uuid4().hex[:8]}"
    async with asgi_client(app, token) as client:
        created = await client.post(
            "/graphql",
            json={"query": f'mutation {{ createWorkspace(input: {{id: "{key}", name: "C"}})'
                  " { __typename } }"},
        )  # fmt: skip
        assert created.json()["data"]["createWorkspace"]["__typename"] == "WorkspaceSuccess"
    write_csv_files(generate(config), directory)
    paths = [directory / f.file_name for f in FORMATS.values()]
    assert (await import_files(app.state.store, key, paths)).applied
    records, _, _ = await app.state.store.driver.execute_query(
        "MATCH (d:Deal {workspace: $ws}) WITH collect(d.id) AS deals "
        "MATCH (p:Person {workspace: $ws}) RETURN deals, collect(p.id) AS people",
        {"ws": key},
    )
    deals, people = sorted(records[0]["deals"]), sorted(records[0]["people"])
    chosen, _, _ = await app.state.store.driver.execute_query(CHOSEN, {"ws": key})
    return Workspace(key, deals, people, sorted(chosen[0]["people"]))


@pytest.fixture(scope="module")
async def workspaces(app: FastAPI, admin_token: str, tmp_path_factory: Any) -> list[Workspace]:
    """The demo and a generated workspace of another seed and size."""
    tag = uuid.uuid4().hex[:6]
    demo = SeedConfig(
        accounts=DEMO.accounts, people=DEMO.people, seed=DEMO.seed, prefix=f"CR{tag}-"
    )
    other = SeedConfig(accounts=3, people=120, seed=11, prefix=f"CG{tag}-")
    return [
        await _imported(app, admin_token, demo, tmp_path_factory.mktemp("demo")),
        await _imported(app, admin_token, other, tmp_path_factory.mktemp("generated")),
    ]


@pytest.fixture(scope="module")
async def outsider(app: FastAPI) -> str:
    """A token of a user with no role in any workspace of these tests."""
    issued = await issue_token(app.state.store, f"cr-outsider-{uuid.uuid4().hex[:6]}")
    return issued.token


@pytest.fixture(scope="module")
def pair(app: FastAPI, settings: Settings) -> Pair:
    return _pair(app, settings)


@pytest.fixture(scope="module")
def small_limit(app: FastAPI, settings: Settings) -> Pair:
    """The pair with a cost limit that some buying centres pass."""
    return _pair(app, settings.model_copy(update={"max_query_cost": 10}))


def _answered(pair: Pair) -> tuple[int, int]:
    return pair.compiled.answered, pair.compiled.fell_back


@pytest.mark.parametrize(
    ("kind", "document"),
    [("deal", BUYING_CENTRE), ("deal", FULL_DEAL), ("person", PERSON), ("person", FULL_PERSON)],
    ids=["buying centre", "full deal", "person", "full person"],
)
async def test_the_shapes_answer_the_same_bytes(
    pair: Pair, workspaces: list[Workspace], admin_token: str, kind: str, document: str
) -> None:
    before = _answered(pair)
    asked = found = 0
    for ws in workspaces:
        # Every deal; two people of each kind (with and without neighbours, levels, managers).
        for key in ws.deals if kind == "deal" else ws.chosen:
            body = await pair.same(document, {"workspace": ws.key, kind: key}, admin_token)
            found += body.count(b'"weight":')
            asked += 1
    # Every one answered by the compiled path, and not with empty answers.
    assert _answered(pair) == (before[0] + asked, before[1])
    assert asked >= 5 and found > asked


async def test_global_ids_and_absent_nodes_answer_the_same_bytes(
    pair: Pair, workspaces: list[Workspace], admin_token: str
) -> None:
    from strawberry import relay

    ws = workspaces[1]
    deal_gid = str(relay.GlobalID("Deal", ws.deals[0]))
    ws_gid = str(relay.GlobalID("Workspace", ws.key))
    await pair.same(FULL_DEAL, {"workspace": ws_gid, "deal": deal_gid}, admin_token)
    absent = await pair.same(FULL_DEAL, {"workspace": ws.key, "deal": "no-such-deal"}, admin_token)
    assert b'"deal":null' in absent
    await pair.same(FULL_PERSON, {"workspace": ws.key, "person": ws.deals[0]}, admin_token)


async def test_the_guards_answer_as_the_general_path(
    pair: Pair, workspaces: list[Workspace], admin_token: str, outsider: str
) -> None:
    ws = workspaces[0]
    variables = {"workspace": ws.key, "deal": ws.deals[0]}
    answered, fell_back = _answered(pair)
    # A caller without a role sees what a workspace that does not exist shows: null.
    hidden = await pair.same(FULL_DEAL, variables, outsider)
    missing = await pair.same(FULL_DEAL, {**variables, "workspace": "cr-no-such"}, admin_token)
    assert hidden == missing == b'{"data":{"workspace":null}}'
    # Variables that do not coerce, and a document with a fragment: the executor answers.
    await pair.same(FULL_DEAL, {"workspace": ws.key, "deal": None}, admin_token)
    with_fragment = (
        "query($workspace: ID!, $deal: ID!) { workspace(id: $workspace) { deal(id: $deal) {"
        " ...D } } } fragment D on Deal { key buyingCentre { roles } }"
    )
    await pair.same(with_fragment, variables, admin_token)
    assert _answered(pair) == (answered, fell_back + 3)


async def test_the_cost_limit_stops_both_paths_alike(
    small_limit: Pair, workspaces: list[Workspace], admin_token: str
) -> None:
    ws = workspaces[0]
    counted = (
        "query($w: ID!, $d: ID!) { workspace(id: $w) { deal(id: $d) { buyingCentre { roles } } } }"
    )
    stopped = 0
    for deal in ws.deals:
        body = await small_limit.same(counted, {"w": ws.key, "d": deal}, admin_token)
        stopped += b"query_too_costly" in body
    assert stopped > 0  # a buying centre of more than 10 members, stopped while it ran
    estimated = await small_limit.same(
        BUYING_CENTRE, {"workspace": ws.key, "deal": ws.deals[0]}, admin_token
    )
    assert b"is estimated to resolve" in estimated


# Selections within the compiled shapes, drawn by Hypothesis.

ALIASES = st.sampled_from(["", "", "", "", "a_", "b2_", "a_", "same"])
"""Mostly no alias or one of the field's own (``a_name``, repeated fields merge); sometimes one
alias for different fields, which validation refuses (and the executor answers)."""


def _fields(names: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(names), min_size=1, max_size=len(names) + 1)


def _aliased(field: str, alias: str) -> str:
    if not alias:
        return field
    own = alias if alias == "same" else alias + field.split("(")[0]
    return f"{own}: {field}"


@st.composite
def _selection(draw: st.DrawFn, leaves: list[str], objects: dict[str, Any]) -> str:
    """A selection set: leaves and objects (each a strategy of its own selection), aliased."""
    names = leaves + list(objects)
    parts = []
    for name in draw(_fields(names)):
        alias = draw(ALIASES)
        inner = draw(objects[name]) if name in objects else ""
        parts.append(_aliased(name, alias) + inner)
    return "{ " + " ".join(parts) + " }"


LEVELS = _selection(
    ["rank", "name", "inferred", "__typename"],
    {"ladder": _selection(["key", "name", "__typename"], {})},
)
ORGANISATIONS = _selection(
    ["key", "id", "name", "kind", "industry", "sizeBand", "country", "technologies"], {}
)
WEIGHTS = st.sampled_from(["", "(minWeight: 0.5)", "(minWeight: 0)", "(minWeight: 0.75)"])
ABOVE = st.sampled_from(
    ["", "(higherStatusOnly: true)", "(higherStatusOnly: false, minWeight: 0.4)"]
)


def _people(depth: int) -> st.SearchStrategy[str]:
    leaves = ["key", "id", "name", "title", "email", "needs", "tags", "__typename"]
    objects: dict[str, Any] = {"level": LEVELS, "organisation": ORGANISATIONS}
    if depth < 2:
        inner = st.deferred(lambda: _people(depth + 1))
        influence = _selection(
            ["weight", "kind", "since", "basis", "basisRecorded"], {"person": inner}
        )
        known = _selection(["strength", "lastContact"], {"person": inner})
        objects |= {
            "influencers": st.tuples(ABOVE, influence).map("".join),
            "influences": st.tuples(WEIGHTS, influence).map("".join),
            "reportsTo": inner,
            "directReports": inner,
            "knows": known,
            "knownBy": known,
        }
    return _selection(leaves, objects)


MEMBERS = _selection(
    ["roles", "stance", "stage", "motive", "outcome", "evidence", "aspiration"],
    {"person": _people(1)},
)
DEALS = _selection(
    ["key", "id", "name", "__typename"], {"organisation": ORGANISATIONS, "buyingCentre": MEMBERS}
)
WORKSPACES = _selection(
    ["key", "name", "__typename"],
    {
        "deal(id: $deal)": DEALS,
        "person(id: $person)": _people(0),
    },
)

DRAWN = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


async def test_drawn_selections_answer_the_same_bytes(
    pair: Pair, workspaces: list[Workspace], admin_token: str
) -> None:
    answered = _answered(pair)[0]
    drawn: list[tuple[str, dict[str, Any]]] = []

    # Hypothesis draws the requests (its test function cannot await); they are sent after.
    @DRAWN
    @given(selection=WORKSPACES, data=st.data())
    def draw(selection: str, data: st.DataObject) -> None:
        ws = data.draw(st.sampled_from(workspaces))
        deal = data.draw(st.sampled_from(ws.deals))
        person = data.draw(st.sampled_from(ws.people))
        variables: dict[str, Any] = {"workspace": ws.key}
        declared = ["$workspace: ID!"]
        if "$deal" in selection:
            variables["deal"], declared = deal, [*declared, "$deal: ID!"]
        if "$person" in selection:
            variables["person"], declared = person, [*declared, "$person: ID!"]
        document = f"query({', '.join(declared)}) {{ workspace(id: $workspace) {selection} }}"
        drawn.append((document, variables))

    draw()
    for document, variables in drawn:
        await pair.same(document, variables, admin_token)
    # Most drawn selections are valid and compiled (those with conflicting aliases are not).
    assert _answered(pair)[0] - answered >= len(drawn) // 2


async def test_a_database_that_does_not_answer_gets_one_503_from_either_path(
    app: FastAPI, settings: Settings, workspaces: list[Workspace], admin_token: str
) -> None:
    """The workspace read fails: the compiled path answers the executor's 503, not retrying."""
    nobody = f"bolt://127.0.0.1:{free_port()}"
    down = settings.model_copy(update={"neo4j_uri": nobody, "neo4j_retry_seconds": 0.0})
    driver = AsyncGraphDatabase.driver(nobody, auth=("neo4j", "unused"))
    try:
        pair = _pair(app, settings, Store.from_settings(driver, down))
        ws = workspaces[1]
        for document, variables in (
            (BUYING_CENTRE, {"workspace": ws.key, "deal": ws.deals[0]}),
            (FULL_PERSON, {"workspace": ws.key, "person": ws.people[0]}),
            ("query($w: ID!) { renamed: workspace(id: $w) { name } }", {"w": ws.key}),
        ):
            before = _answered(pair)
            body = await pair.same(document, variables, admin_token)
            assert b'"code":"database_unavailable"' in body, body
            # Answered by the compiled path itself: the executor was not asked again.
            assert _answered(pair) == (before[0] + 1, before[1])
    finally:
        await driver.close()
