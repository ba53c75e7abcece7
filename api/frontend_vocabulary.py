"""``frontend/src/vocabulary.js``: the domain's vocabulary for the page, generated from the enums.

The page imports roles, stances, journey stages, influence kinds, organisation kinds and an
import's choices for likely duplicates from
that module instead of spelling them out; ``make schema`` writes it with
``python -m api.frontend_vocabulary`` and a unit test fails when it is out of date.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from graph.imports.validate import Duplicates
from graph.model.common import (
    InfluenceBasis,
    InfluenceKind,
    JourneyStage,
    Motive,
    OrganisationKind,
    Outcome,
    Role,
    Stance,
    vocabulary,
)

__all__ = ["VOCABULARY_FILE", "render"]

VOCABULARY_FILE = Path(__file__).resolve().parents[1] / "frontend" / "src" / "vocabulary.js"

_EXPORTS: tuple[tuple[str, type[StrEnum]], ...] = (
    ("ROLES", Role),
    ("STANCES", Stance),
    ("JOURNEY_STAGES", JourneyStage),
    ("INFLUENCE_KINDS", InfluenceKind),
    ("ORG_KINDS", OrganisationKind),
    ("MOTIVES", Motive),
    ("OUTCOMES", Outcome),
    ("INFLUENCE_BASES", InfluenceBasis),
    ("IMPORT_DUPLICATES", Duplicates),
)


def render() -> str:
    """The text of ``vocabulary.js``, values as the API stores them (lower case).

    >>> print(render().splitlines()[-1])
    export const IMPORT_DUPLICATES = ['hold', 'keep', 'skip', 'merge'];
    """
    lines = [
        "// Generated from graph/model/common.py by `make schema`; do not edit.",
        "// The domain's vocabulary as the API stores it (GraphQL spells it in upper case).",
        "",
    ]
    for name, kind in _EXPORTS:
        values = ", ".join(f"'{v}'" for v in vocabulary(kind))
        lines.append(f"export const {name} = [{values}];")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    VOCABULARY_FILE.write_text(render())
