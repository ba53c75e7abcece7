"""The one rule for writes under an alias (graph/rules/merging.py), both intents on one case."""

from __future__ import annotations

from graph.rules.merging import EDIT, MERGE, Differing, merge_values

HAVE = {"title": "CEO", "email": "Ada@Acme.example", "tags": "board;founder", "department": ""}


def _same(field: str, a: str, b: str) -> bool:
    """Lists as sets and email in any case, as the import reads them."""
    if field == "tags":
        return {v.strip() for v in a.split(";")} == {v.strip() for v in b.split(";")}
    return a.casefold() == b.casefold() if field == "email" else a == b


ROW = {
    "title": "Chief Executive",
    "email": "ada@acme.example",
    "tags": "founder; board",
    "department": "Board",
    "needs": "",
}


def test_a_merge_fills_what_is_missing_and_reports_what_differs() -> None:
    merged = merge_values(HAVE, ROW, MERGE, same=_same)
    assert merged.write == {"department": "Board"}
    assert merged.filled == ("department",)
    # Email in another case and tags in another order say the same: neither written nor reported.
    assert merged.differing == (Differing("title", "CEO", "Chief Executive"),)


def test_an_edit_writes_every_value_given_and_says_what_it_replaced() -> None:
    edited = merge_values(HAVE, ROW, EDIT, same=_same)
    # As given, the same ones too (the email's case is the caller's), the empty one clearing.
    assert edited.write == ROW
    assert edited.filled == ("department",)
    assert edited.differing == (Differing("title", "CEO", "Chief Executive"),)


def test_an_edit_clears_what_it_gives_empty_where_a_merge_keeps_it() -> None:
    cleared = {"email": None, "tags": []}
    edited = merge_values(HAVE, cleared, EDIT, same=_same)
    assert edited.write == {"email": None, "tags": []}
    assert edited.differing == (
        Differing("email", "Ada@Acme.example", None),
        Differing("tags", "board;founder", []),
    )
    assert merge_values(HAVE, cleared, MERGE, same=_same).write == {}


def test_what_an_edit_writes_does_not_depend_on_what_the_person_has() -> None:
    for have in (HAVE, {}, {"title": "Chief Executive", "needs": "budget"}):
        assert merge_values(have, ROW, EDIT, same=_same).write == ROW


def test_only_the_fields_asked_are_compared_and_empty_values_say_nothing_to_a_merge() -> None:
    assert merge_values(HAVE, ROW, EDIT, fields=("needs", "title", "absent")).write == {
        "needs": "",
        "title": "Chief Executive",
    }
    assert merge_values({}, {"title": ""}, MERGE).write == {}
