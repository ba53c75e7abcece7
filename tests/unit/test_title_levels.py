"""The one title rule against a table of real job titles, English and German.

``data/job_titles.csv`` holds a title, the level the default organisational ladder gives it,
its language and, where the level is a choice, why. Every write path (GraphQL, CSV import,
re-inference) infers through :func:`graph.rules.titles.infer_rank`.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from graph.imports.convert import CONVERTERS
from graph.rules.titles import infer_rank

TABLE = Path(__file__).with_name("data") / "job_titles.csv"


def _rows() -> list[dict[str, str]]:
    with TABLE.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_table_covers_every_level_in_english_and_german() -> None:
    rows = _rows()
    assert len(rows) >= 150
    assert len({r["title"] for r in rows}) == len(rows), "a title is listed twice"
    per_language = Counter((r["language"], int(r["level"])) for r in rows)
    for language in ("en", "de"):
        for level in range(1, 8):
            assert per_language[(language, level)] >= 3, (language, level)


def test_every_title_infers_its_level() -> None:
    wrong = [
        (r["title"], int(r["level"]), infer_rank(r["title"]))
        for r in _rows()
        if infer_rank(r["title"]) != int(r["level"])
    ]
    assert wrong == []


@pytest.mark.parametrize("title", ["", "   ", None])
def test_no_title_infers_nothing(title: str | None) -> None:
    assert infer_rank(title) is None


def test_the_csv_import_infers_with_the_same_rule() -> None:
    for r in _rows():
        row = ["p1", "Ada", "Lovelace", r["title"], "", "", "", "", "", "", ""]
        person = CONVERTERS["people"](row)
        assert isinstance(person, dict)
        assert (person["rank"], person["inferred"]) == (int(r["level"]), True), r["title"]
    explicit = CONVERTERS["people"](["p1", "Ada", "L", "CEO", "", "", "", "3", "", "", ""])
    assert isinstance(explicit, dict)
    assert (explicit["rank"], explicit["inferred"]) == (3, False)
