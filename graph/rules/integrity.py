"""The integrity rules that look past one field: written once, for every write path.

The GraphQL mutations (:mod:`graph.repository`) and the CSV import
(:mod:`graph.imports.validate`) call these functions and report what they answer word for word,
so a record refused on one path is refused on the other with the same reason:

* an email address has a name, an ``@`` and a domain with a dot (:func:`email_problem`);
* reporting lines never form a cycle (:func:`reporting_cycle`);
* a buying-centre role is held by the customer's side: our people and partners' people
  support a deal, they do not buy (:func:`member_problem`);
* a "knows" tie starts at one of our people or a partner's (:func:`knows_problem`);
* two people under different ids with the same name at the same organisation are likely one
  (:func:`likely_same_person`): held back until the user chooses (:func:`duplicate_problem`).

Each function takes plain values (ids, an organisation's kind) and answers the reason a user
reads, or ``None`` when the record keeps the rule. Finding those values — in the files, in the
workspace — is the caller's part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from graph.model.common import OrganisationKind

__all__ = [
    "EMAIL_PATTERN",
    "SUPPORTING_SIDES",
    "duplicate_problem",
    "email_problem",
    "knows_problem",
    "likely_same_person",
    "member_problem",
    "name_key",
    "reporting_cycle",
]

EMAIL_PATTERN: Final = r"^[^@\s]+@[^@\s]+\.\w+$"
"""An address as a user means it: ``name@domain.tld``, no spaces, one ``@``."""
_EMAIL = re.compile(EMAIL_PATTERN)
_EMAIL_MAX = 254  # the longest address SMTP carries

SUPPORTING_SIDES: Final = frozenset({OrganisationKind.HOME.value, OrganisationKind.PARTNER.value})
"""The kinds of organisation whose people reach the customer's people (they "know" them) and
do not hold buying-centre roles in the customer's purchase."""

_MAX_CYCLE_SHOWN = 6


def email_problem(value: str) -> str | None:
    """Why ``value`` is not an email address, or ``None``.

    >>> email_problem("paul.koch@nordwind.de") is None
    True
    >>> print(email_problem("paul.koch.at.nordwind.de"))
    'paul.koch.at.nordwind.de' is not an email address; write it as name@domain.tld
    """
    if len(value) > _EMAIL_MAX:
        return f"an email address has at most {_EMAIL_MAX} characters"
    if _EMAIL.match(value) is None:
        return f"{value!r} is not an email address; write it as name@domain.tld"
    return None


def reporting_cycle(cycle: Sequence[str], *, through_stored: bool = False) -> str:
    """The reason a reporting line is refused: it closes ``cycle``.

    ``cycle`` runs from the person along their managers back to the person; long ones are
    cut after a few people. ``through_stored``: part of it is lines already in the workspace.

    >>> print(reporting_cycle(["ceo", "it", "ceo"]))
    reporting cycle: ceo → it → ceo; a person cannot report to someone who reports to them
    """
    shown = " → ".join(cycle[: _MAX_CYCLE_SHOWN + 1])
    shown += " …" if len(cycle) > _MAX_CYCLE_SHOWN + 1 else ""
    if through_stored:
        shown += " (through reporting lines already in the workspace)"
    return f"reporting cycle: {shown}; a person cannot report to someone who reports to them"


def _side(kind: str | None) -> str:
    return "our own organisation" if kind == OrganisationKind.HOME.value else "a partner"


def member_problem(
    person_id: str,
    organisation_id: str | None,
    organisation_kind: str | None,
    deal_organisation_id: str | None,
) -> str | None:
    """Why ``person_id`` may not be in the buying centre of a deal, or ``None``.

    The buying centre is the buyer's: a person of ours or of a partner holds no role in it,
    unless the deal is with their own organisation (a partner buying from us). Their part in
    the deal is who they know there.

    >>> print(member_problem("rep", "home", "home", "acme"))  # doctest: +NORMALIZE_WHITESPACE
    'rep' works at our own organisation ('home'): the buying centre holds the buyer's people;
    record whom they know there instead
    >>> member_problem("cfo", "acme", "customer", "acme") is None
    True
    >>> member_problem("alex", "part", "partner", "part") is None
    True
    """
    if organisation_kind not in SUPPORTING_SIDES or organisation_id == deal_organisation_id:
        return None
    return (
        f"{person_id!r} works at {_side(organisation_kind)} ({organisation_id!r}): the buying "
        "centre holds the buyer's people; record whom they know there instead"
    )


def knows_problem(
    person_id: str, organisation_id: str | None, organisation_kind: str | None
) -> str | None:
    """Why ``person_id`` may not be the one who knows someone, or ``None``.

    A "knows" tie records a way in: it starts at one of our people or a partner's and may end
    at anyone.

    >>> knows_problem("rep", "home", "home") is None
    True
    >>> print(knows_problem("ceo", "acme", "customer"))
    'ceo' works at 'acme', a customer: a knows tie starts at one of our people or a partner's
    >>> print(knows_problem("x", None, None))
    'x' works at no organisation: a knows tie starts at one of our people or a partner's
    """
    if organisation_kind in SUPPORTING_SIDES:
        return None
    where = "no organisation" if organisation_id is None else f"{organisation_id!r}"
    if organisation_id is not None and organisation_kind:
        where += f", a {organisation_kind}"
    return f"{person_id!r} works at {where}: a knows tie starts at one of our people or a partner's"


def name_key(*parts: str | None) -> str:
    """A person's name as duplicates are compared: case and spacing ignored, ``-`` (a CRM's
    placeholder for a missing first name) left out.

    >>> name_key("Ada ", "BOSS") == name_key("ada", "Boss") == name_key("-", "Ada  Boss")
    True
    """
    words = (w for part in parts if part for w in part.split() if w != "-")
    return " ".join(words).casefold()


def likely_same_person(
    email: str | None, other_email: str | None, *, same_name: bool, same_organisation: bool
) -> bool:
    """Whether two people under different ids are likely one: the same name at the same
    organisation, unless both have email addresses and they differ (namesakes).

    >>> likely_same_person("", "ada@acme.example", same_name=True, same_organisation=True)
    True
    >>> likely_same_person("a1@x.de", "a2@x.de", same_name=True, same_organisation=True)
    False
    """
    if not (same_name and same_organisation):
        return False
    return not (email and other_email and email.casefold() != other_email.casefold())


def duplicate_problem(person_id: str, other_id: str, where: str) -> str:
    """The reason a person is held back as a likely duplicate of ``other_id`` (``where``: the
    other's row, or the workspace), with the user's choices.

    >>> print(duplicate_problem("003X", "003A", "row 2 of Contact.csv"))
    ... # doctest: +NORMALIZE_WHITESPACE
    likely the same person as '003A' (row 2 of Contact.csv): the same name at the same
    organisation under another id; to keep both, import again with duplicates "keep"; to leave
    it out, with duplicates "skip"; to merge it into '003A', with duplicates "merge"
    """
    return (
        f"likely the same person as {other_id!r} ({where}): the same name at the same "
        f'organisation under another id; to keep both, import again with duplicates "keep"; '
        f'to leave it out, with duplicates "skip"; to merge it into {other_id!r}, with '
        'duplicates "merge"'
    )
