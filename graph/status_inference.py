"""Infer a person's rank on the organisational ladder from a job title.

Used when an import gives a title but no level; the result is stored as *inferred* so a user
can see and correct it. Patterns are tried top-down; the first that matches wins.

>>> infer_rank("Chief Financial Officer")
6
>>> infer_rank("VP Engineering")
5
>>> infer_rank("Senior Data Engineer")
2
>>> infer_rank("Analyst")
1
>>> infer_rank("  ") is None
True
"""

from __future__ import annotations

import re

__all__ = ["TITLE_PATTERNS", "infer_rank"]

TITLE_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (rank, re.compile(pattern, re.IGNORECASE))
    for rank, pattern in (
        (7, r"\b(board member|member of the board|chair(man|woman|person)?|(co-?)?founder)\b"),
        (7, r"^\s*(co-?)?owner\b"),
        (7, r"\b(non-executive director|supervisory board)\b"),
        (6, r"\bchief\b.*\bofficer\b|\bC[A-Z]O\b|\bmanaging director\b"),
        (6, r"(?<!vice )(?<!vice-)\bpresident\b"),
        (6, r"\bgeneral counsel\b"),
        (5, r"\b(s?e?vp|vice[- ]president|head of)\b"),
        (4, r"\bdirector\b"),
        (3, r"\b(manager|lead|team lead|supervisor)\b"),
        (2, r"\b(senior|sr\.?|principal|staff|expert|architect)\b"),
    )
)
"""(rank, pattern) pairs, most senior first."""


def infer_rank(title: str | None) -> int | None:
    """The organisational-ladder rank (1-7) a job title suggests; ``None`` for no title."""
    if title is None or not title.strip():
        return None
    for rank, pattern in TITLE_PATTERNS:
        if pattern.search(title):
            return rank
    return 1
