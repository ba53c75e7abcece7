"""Status level from a job title, on the organisational ladder of DESIGN.md.

7 board/owner, 6 C-suite, 5 VP/head of, 4 director, 3 manager, 2 senior individual
contributor, 1 individual contributor. The first matching rule wins, so the more specific
rules ("vice president", "managing director", "senior manager") come before the general ones.

>>> infer_level("Chief Financial Officer"), infer_level("VP Sales"), infer_level("Engineer")
(6, 5, 1)
>>> infer_level("Senior Manager, Procurement"), infer_level("") is None
(3, True)
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["LEVEL_NAMES", "infer_level"]

LEVEL_NAMES: Final[dict[int, str]] = {
    7: "board/owner",
    6: "C-suite",
    5: "VP/head of",
    4: "director",
    3: "manager",
    2: "senior individual contributor",
    1: "individual contributor",
}

_RULES: Final[tuple[tuple[re.Pattern[str], int], ...]] = tuple(
    (re.compile(pattern, re.IGNORECASE), level)
    for pattern, level in (
        (r"\b(board|chair(man|woman|person)?|owner|founder)\b", 7),
        (r"\b(vice[- ]president|s?e?vp|avp)\b", 5),
        (r"\bchief\b.*\bofficer\b|\bc[a-z]{1,2}o\b|\bpresident\b|\bmanaging director\b", 6),
        (r"\bhead of\b|\bhead\b", 5),
        (r"\bdirector\b", 4),
        (r"\b(manager|team lead|supervisor|lead of)\b", 3),
        (r"\b(senior|sr\.?|principal|staff|lead|specialist ii|expert)\b", 2),
    )
)


def infer_level(title: str | None) -> int | None:
    """The organisational level a title implies; ``None`` for no title.

    A title that matches no rule is an individual contributor (1).
    """
    if title is None or not title.strip():
        return None
    for pattern, level in _RULES:
        if pattern.search(title):
            return level
    return 1
