"""What the commands print for scripts: ``--json`` puts one JSON document on stdout."""

from __future__ import annotations

import json
from typing import Annotated

import typer

__all__ = ["JsonFlag", "print_json"]

JsonFlag = Annotated[
    bool,
    typer.Option("--json", help="Print the result as JSON on stdout (messages stay on stderr)."),
]


def print_json(data: object) -> None:
    """``data`` as indented JSON on stdout; dates and other values as their text.

    Examples
    --------
    >>> print_json({"written": {"people": 3}})
    {
     "written": {
      "people": 3
     }
    }
    """
    print(json.dumps(data, indent=1, default=str), flush=True)
