"""Write a generated workspace as the import CSV files (one per kind) into a directory."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import astuple
from pathlib import Path

from graph.imports.formats import FORMATS
from seed.records import KIND_OF, Record

__all__ = ["write_csv_files"]


def write_csv_files(records: Iterable[Record], directory: Path) -> dict[str, int]:
    """Stream ``records`` into ``directory/<kind>.csv``; return the row count per kind.

    Every kind's file is written, with its header, even when it has no rows. Files are UTF-8
    with ``\\n`` line ends, so the same records always give byte-identical files.
    """
    directory.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(FORMATS, 0)
    with ExitStack() as stack:
        writers = {}
        for kind, fmt in FORMATS.items():
            handle = stack.enter_context(
                (directory / fmt.file_name).open("w", encoding="utf-8", newline="")
            )
            writers[kind] = csv.writer(handle, lineterminator="\n")
            writers[kind].writerow(fmt.column_names)
        for record in records:
            kind = KIND_OF[type(record)]
            writers[kind].writerow(astuple(record))
            counts[kind] += 1
    return counts
