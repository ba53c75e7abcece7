"""Reading import files: UTF-8 checks, header detection, and rows projected onto our kinds.

A file is either one of statusmap's own (``people.csv`` ... see :mod:`graph.imports.formats`)
or a CRM export recognised by its header (:mod:`graph.imports.mappings`). Either way it is read
as a :class:`SourceFile` whose :meth:`SourceFile.rows` yields, for one of our kinds, the row
number in the user's file (header = row 1) and the row in our columns.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Iterator
from collections.abc import Mapping as IdMap
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InvalidInput
from graph.imports.formats import FORMATS, restore_formula
from graph.imports.mappings import MAPPINGS, Mapping, Projection, native_mapping

__all__ = ["FileEncodingError", "ImportFileError", "SourceFile", "open_source"]

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
csv.field_size_limit(1 << 24)


class ImportFileError(InvalidInput):
    """A file cannot be imported at all (unreadable, unknown header, wrong encoding)."""

    code = "import_file"

    def __init__(self, message: str, *, row: int | None = None, column: str = "") -> None:
        super().__init__(message)
        self.row = row
        self.column = column


class FileEncodingError(ImportFileError):
    """The bytes are not UTF-8 (with or without a byte-order mark)."""

    code = "import_encoding"


def _encoding_error(path: Path, error: UnicodeDecodeError | None) -> FileEncodingError:
    """Where the first byte that is not UTF-8 is, as a clear error."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as e:
                byte = raw[e.start : e.start + 1].hex()
                return FileEncodingError(
                    f"{path.name} is not UTF-8 (byte 0x{byte} on line {number}); "
                    "save it as 'CSV UTF-8' (or convert it with iconv) and retry",
                    row=number,
                )
    return FileEncodingError(f"{path.name} is not UTF-8 ({error}); save it as 'CSV UTF-8'")


_quoted = operator.methodcaller("startswith", "'")
"""Whether a cell may carry the ``'`` the export puts before a would-be formula."""


def _records(path: Path) -> Iterator[list[str]]:
    """The file's CSV records, read as UTF-8 (a leading byte-order mark is dropped)."""
    with path.open("rb") as raw:
        start = raw.read(4)
        if start.startswith(_UTF16_BOMS) or b"\x00" in start:
            raise FileEncodingError(
                f"{path.name} is UTF-16, not UTF-8; save it as 'CSV UTF-8' and retry", row=1
            )
        raw.seek(0)
        with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            try:
                yield from csv.reader(text)
            except UnicodeDecodeError as e:
                raise _encoding_error(path, e) from e
            except csv.Error as e:
                raise ImportFileError(f"{path.name}: not valid CSV ({e})") from e


@dataclass(frozen=True)
class SourceFile:
    """One file to import and how its columns map onto our kinds."""

    path: Path
    header: tuple[str, ...]
    mapping: Mapping
    organisations: IdMap[str, str] = field(default_factory=dict)
    """Organisation ids of the file → organisation ids of the workspace (the organisation map):
    every organisation id the file holds is read as the one it maps to."""
    people: IdMap[str, str] = field(default_factory=dict)
    """Person aliases of the workspace → the people they stand for: a reference to a person
    (a manager, an edge's end, a member) naming an alias is read as that person. One mapping
    shared by the files of an import, which grows as validation merges people
    (:class:`graph.imports.validate.Duplicates`); a person row's own id is read as it is."""

    @property
    def kinds(self) -> tuple[str, ...]:
        """Our kinds this file provides rows for."""
        return tuple(p.kind for p in self.mapping.projections)

    def projection(self, kind: str) -> Projection:
        """How this file's rows become rows of ``kind``."""
        return next(p for p in self.mapping.projections if p.kind == kind)

    def rows(self, kind: str) -> Iterator[tuple[int, list[str], bool]]:
        """(row number, values in ``kind``'s column order, too many values?) per data row.

        Row numbers count records with the header as row 1; blank lines are skipped.
        Organisation ids come through :attr:`organisations`.
        """
        rows = self._projected(kind)
        columns = FORMATS[kind].columns
        mapped = [
            (i, self.organisations)
            for i, c in enumerate(columns)
            if c.ref == "organisations" or (kind == "organisations" and c.name == "id")
        ] + [(i, self.people) for i, c in enumerate(columns) if c.ref == "people"]
        mapped = [(i, to) for i, to in mapped if to]
        if not mapped:
            yield from rows
            return
        for number, row, extra in rows:
            for i, to in mapped:
                row[i] = to.get(row[i], row[i])
            yield number, row, extra

    def _projected(self, kind: str) -> Iterator[tuple[int, list[str], bool]]:
        projection = self.projection(kind)
        columns = FORMATS[kind].column_names
        width = len(self.header)
        records = _records(self.path)
        next(records, None)
        if projection.direct:
            at = {name: i for i, name in enumerate(self.header)}
            where = [at.get(str(projection.columns.get(c, c)), -1) for c in columns]
            when = at.get(projection.when, -1) if projection.when else None
            # Every column there (the usual case): one itemgetter call per row, not a loop.
            pick = operator.itemgetter(*where) if min(where) >= 0 and len(where) > 1 else None
            for number, values in enumerate(records, start=2):
                if len(values) < width:
                    if not any(values):
                        continue
                    values = values + [""] * (width - len(values))
                if when is not None and not values[when].strip():
                    continue
                picked = (
                    list(map(str.strip, pick(values)))
                    if pick is not None
                    else [values[i].strip() if i >= 0 else "" for i in where]
                )
                if any(map(_quoted, picked)):  # rare: only rows with a protected cell pay
                    picked = list(map(restore_formula, picked))
                yield number, picked, len(values) > width
            return
        for number, values in enumerate(records, start=2):
            if len(values) < width:
                if not any(values):
                    continue
                values = values + [""] * (width - len(values))
            raw = dict(zip(self.header, values, strict=False))
            if projection.applies(raw):
                row = projection.project(raw)
                cells = [restore_formula(row.get(c, "")) for c in columns]
                yield number, cells, len(values) > width


def open_source(
    path: Path,
    organisations: IdMap[str, str] | None = None,
    people: IdMap[str, str] | None = None,
) -> SourceFile:
    """Read ``path``'s header and recognise its format; unknown headers are refused.

    ``organisations`` maps the file's organisation ids to the workspace's (see
    :attr:`SourceFile.organisations`), ``people`` person aliases to their people
    (:attr:`SourceFile.people`).
    """
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file")
    header_line = next(_records(path), None)
    if not header_line:
        raise ImportFileError(f"{path.name} is empty; it needs a header row", row=1)
    header = tuple(h.strip() for h in header_line)
    mapping = native_mapping(path.name, header) or next(
        (m for m in MAPPINGS if m.matches(header)), None
    )
    if mapping is None:
        expected = ", ".join(f.file_name for f in FORMATS.values())
        raise ImportFileError(
            f"{path.name}: cannot tell what this file holds from its header {list(header)}; "
            f"name it after its kind ({expected}) with the documented columns, or use a "
            "Salesforce or HubSpot export",
            row=1,
        )
    return SourceFile(
        path, header, mapping, dict(organisations or {}), {} if people is None else people
    )
