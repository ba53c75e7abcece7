"""The one rule for the kind of a reporting line: solid or matrix (drawn dotted).

A person's first manager is their solid line; a manager added while they already report to
someone else is a matrix line, unless the line is given. Rewriting a line that exists keeps its
kind unless a new one is given, so importing the same file twice changes nothing. Every write
path asks this module: GraphQL (:func:`graph.repository.relations.add_reports_to`) and the CSV
import (:mod:`graph.imports.run`); the page shows what they answer.

>>> lines = ReportingLines([("ana", "ceo", "solid")])
>>> lines.assign("ana", "cfo"), lines.assign("ana", "ceo"), lines.assign("bo", "cfo")
('matrix', 'solid', 'solid')
>>> lines.assign("ana", "cfo", "solid")
'solid'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Final

from graph.model.common import ReportingLine

__all__ = ["MATRIX", "SOLID", "ReportingLines", "reporting_line"]

SOLID: Final = ReportingLine.SOLID.value
MATRIX: Final = ReportingLine.MATRIX.value


def reporting_line(given: str | None, stored: str | None, other_managers: int) -> str:
    """The kind of a reporting line being written.

    Parameters
    ----------
    given : str or None
        The kind the writer says (``solid`` or ``matrix``); it wins.
    stored : str or None
        The kind of this very line if it is stored already; kept when none is given.
    other_managers : int
        How many other managers the person reports to.

    >>> reporting_line(None, None, 0), reporting_line(None, None, 1)
    ('solid', 'matrix')
    >>> reporting_line(None, "solid", 2), reporting_line("solid", None, 1)
    ('solid', 'solid')
    """
    if given:
        return ReportingLine(given).value
    if stored:
        return stored
    return MATRIX if other_managers else SOLID


class ReportingLines:
    """Reporting lines as a sequence of writes leaves them, from the stored ones on.

    ``stored``: (person, manager, kind or ``None``) of the lines already stored.
    """

    def __init__(self, stored: Iterable[tuple[str, str, str | None]] = ()) -> None:
        self._managers: dict[str, dict[str, str | None]] = defaultdict(dict)
        for person, manager, line in stored:
            self._managers[person][manager] = line

    def assign(self, person: str, manager: str, given: str | None = None) -> str:
        """The kind of the line ``person`` → ``manager`` written now (:func:`reporting_line`)."""
        managers = self._managers[person]
        others = len(managers) - (manager in managers)
        line = reporting_line(given, managers.get(manager), others)
        managers[manager] = line
        return line
