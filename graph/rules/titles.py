"""The one rule from a job title to a rank on the organisational ladder, and its org-chart cap.

Every write path uses it: GraphQL writes (:mod:`graph.repository.people`), the CSV import
(:mod:`graph.imports.convert`) and the re-inference command (``statusmap levels reinfer``). An
inferred level is stored as *inferred* so a user can see and correct it; an explicit level is
never replaced by an inferred one.

The default ladder (rank, high is senior), and which titles land where:

7. **Board, owners and the chief executive**: chair, board or supervisory-board member,
   founder, owner, managing partner; CEO, chief executive, managing director, Geschäftsführer,
   Vorstandsvorsitzender. The chief executive sits with the board, above the rest of the
   C-suite, because the ladder has no rung between them and the CEO must outrank the CFO.
6. **C-suite**: every other chief ... officer (CFO, CIO, CISO, ...), president, general counsel,
   Vorstand (member of the management board), a Geschäftsführer with a functional remit
   (kaufmännischer, technischer), a deputy chief executive.
5. **VP / head of**: vice presidents of every grade, head of, general and country managers,
   Bereichsleiter, and "Leiter" of a function (Leiter Einkauf, Vertriebsleiter).
4. **Director**: director, Direktor, Abteilungsleiter, Prokurist, controller (the head of
   accounting), chief of staff, chief or distinguished architects and engineers.
3. **Manager**: manager, team or group lead (Teamleiter, Gruppenleiter, Projektleiter),
   supervisor, a function's lead ("Procurement Lead"), enterprise architect.
2. **Senior individual contributor**: senior, principal, staff, expert, architect, a "lead"
   that qualifies a craft ("Lead Engineer"), manager titles that lead no team (account, product,
   project manager), owner roles (product, business, process owner), business partner.
1. **Individual contributor**: everything else, and anyone junior, a trainee, a student or an
   assistant — whomever they assist ("Executive Assistant to the CEO" is 1, not C-suite).

The rules are tried top-down; the first that matches wins. A ``deputy``, ``associate`` or
``assistant`` (``stellvertretender``) right before the matched words is one rung lower
("Deputy CFO" 5, "Associate Director" 3).

The org chart caps an inference: an inferred level is never above the level of any of the
person's managers (``REPORTS_TO``), so a misleading title cannot place someone above their
boss. The cap applies wherever reporting lines are known — after a CSV import, after GraphQL
writes of people and reporting lines, and on re-inference — through the write statement
``ladders/cap_inferred``; explicit levels are kept as given and are never capped.

>>> infer_rank("Chief Executive Officer"), infer_rank("Chief Financial Officer")
(7, 6)
>>> infer_rank("Executive Assistant to the CEO")
1
>>> infer_rank("Leiter Einkauf"), infer_rank("Abteilungsleiter Vertrieb")
(5, 4)
>>> infer_rank("Deputy CFO"), infer_rank("Product Owner"), infer_rank("Senior Data Engineer")
(5, 2, 2)
>>> infer_rank("Analyst"), infer_rank("  ") is None
(1, True)
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["MAX_RANK", "TITLE_RULES", "infer_rank"]

MAX_RANK: Final = 7
"""The top of the default organisational ladder."""

# Umlauts are matched in either spelling: "Geschäftsführer" or "Geschaeftsfuehrer".
_AE, _OE, _UE = "(?:ä|ae)", "(?:ö|oe)", "(?:ü|ue)"
_GF = f"gesch{_AE}ftsf{_UE}hr(?:er|erin|ung)"
_C_SUITE = r"c(?:fo|io|to|oo|mo|ro|po|do|iso|hro|co|lo|so|ao|no|xo|dao|sco|tio)"

TITLE_RULES: Final[tuple[tuple[int, re.Pattern[str]], ...]] = tuple(
    (rank, re.compile(pattern, re.IGNORECASE))
    for rank, pattern in (
        # Juniors, students and assistants, whatever title words follow.
        (1, r"\b(junior|jr\.?|trainee|intern|internship|apprentice|graduate|werkstudent(in)?)\b"),
        (1, r"(praktikant|auszubildende|\bazubi\b|assisten[tz]|sekret(ä|ae)r)"),
        (
            1,
            r"\bassistant\b(?!\s+(vice[- ]president|vp|director|manager|head|general counsel|"
            r"controller)\b)",
        ),
        # Owner roles inside a company are not ownership of it.
        (2, r"\b(product|business|process|data|service|system|budget|risk)\s+owner\b"),
        # The chief executive (before "chief ... officer" and the board).
        (6, rf"\b(deputy|vice)\s+(ceo|chief executive)\b|stellv\w*\.?\s+{_GF}"),
        (6, rf"(kaufm{_AE}nnische|technische|finanz)[rn]?\s+{_GF}"),
        (7, rf"\bceo\b|\bchief executive\b|\bmanaging director\b|{_GF}|\bpdg\b"),
        (7, r"vorstandsvorsitz|vorsitzende[rn]? des vorstand|\bvorstandsvorsitzende"),
        # The board and owners.
        (6, r"\b(executive|management|managing)\s+board\b"),
        (7, r"\b(chair(man|woman|person)?|board|supervisory board|non-executive director)\b"),
        (7, r"(aufsichtsrat|\bbeirat\b|\binhaber(in)?\b|\bgesellschafter(in)?\b|gr(ü|ue)nder)"),
        (7, r"\b(co-?)?founder\b|(^|[&/,]\s*|\band\s+)(co-?)?owner\b"),
        (7, r"^\s*(managing|senior|equity)?\s*partner\s*$"),
        # The C-suite.
        (4, r"\bchief of staff\b|\bchief (architect|engineer|scientist)\b"),
        (6, rf"\bchief\b.*\bofficer\b|\b{_C_SUITE}\b|\bgeneral counsel\b|\bchefsyndikus\b"),
        (6, r"(?<!vice )(?<!vice-)\bpresident\b|\bpr(ä|ae)sident"),
        (6, r"vorstand\b|\bmitglied des vorstands\b"),
        # VP, head of, and the German "Leiter" by the size of what they lead.
        (5, r"\b(s?e?vp|vice[- ]president|head|general manager|country manager)\b"),
        (5, r"hauptabteilungsleit"),
        (4, r"(abteilungs|referats)leiter|\bprokurist"),
        (3, rf"(gruppen|team|projekt|schicht|filial|b{_UE}ro)leit"),
        (5, r"leiter(in)?\b|\bleitung\b"),
        # Directors.
        (4, r"\bdirector\b|\bdirekt(or|orin)\b|\bcontroller\b|\b(distinguished|fellow)\b"),
        # Managers, and manager titles that lead no team.
        (
            2,
            r"\b(account|key account|product|project|program|programme|customer success|category|"
            r"brand|relationship|territory|channel|partner|campaign|community|content|event)\s+"
            r"manager\b",
        ),
        (3, r"\b(manager|managerin|supervisor|team lead(er)?|teamlead|group lead|foreman)\b"),
        (3, r"\benterprise architect\b|\bmanaging consultant\b|meister(in)?\b"),
        (3, r"\blead\s*$|\blead[,(]|\blead (of|for)\b"),
        # Senior individual contributors.
        (2, r"\b(senior|sr\.?|principal|staff|lead|expert|architect)\b"),
        (2, r"(architekt|spezialist|experte|expertin|\bbusiness partner\b|\bfachreferent)"),
    )
)
"""(rank, pattern) pairs in the order they are tried; the first match wins."""

_DEMOTED: Final = re.compile(
    r"\b(deputy|associate|assistant|stellv\.?|stellvertretende[rn]?)\s*$", re.IGNORECASE
)
"""A modifier right before the matched words that puts the title one rung lower."""


def infer_rank(title: str | None) -> int | None:
    """The organisational-ladder rank (1-7) a job title suggests; ``None`` for no title.

    Parameters
    ----------
    title : str or None
        A job title in English or German, as written on a business card.

    Returns
    -------
    int or None
        The rank; 1 (individual contributor) when no rule matches.
    """
    if title is None or not title.strip():
        return None
    for rank, pattern in TITLE_RULES:
        match = pattern.search(title)
        if match:
            if rank > 1 and _DEMOTED.search(title[: match.start()]):
                return rank - 1
            return rank
    return 1
