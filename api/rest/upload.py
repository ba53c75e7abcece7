"""The upload reader: a multipart body streamed to a temporary folder, within a byte limit.

The route authenticates and checks the caller's role *before* it calls :func:`received_files`
(FastAPI reads no body for a route without form parameters), so a request without a valid
token, or into a workspace the caller may not write, is answered at once and not one byte of it
is stored. The body is then read chunk by chunk as it arrives — with or without a
``Content-Length``, chunked or not — and every byte is counted: once the files add up to more
than ``STATUSMAP_MAX_UPLOAD_BYTES`` (or the whole body to that plus :data:`FRAMING`), the
request is refused with 413 and nothing more is read or written.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from api.errors import BadRequest, PayloadTooLarge
from api.request_body import MalformedRequest, file_name
from graph.errors import ValidationFailed

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

__all__ = ["FIELD", "FRAMING", "DuplicateFileName", "UploadTooLarge", "received_files"]

FIELD = "files"
"""The form field whose parts are the uploaded files; other fields are read past, not kept."""
FRAMING = 1 << 20
"""Bytes a body may hold beyond its files: boundaries, part headers, other fields."""


class UploadTooLarge(PayloadTooLarge):
    """The files of one upload add up to more than ``STATUSMAP_MAX_UPLOAD_BYTES``."""

    code = "upload_too_large"


class DuplicateFileName(BadRequest):
    """Two files of one upload have the same name, so one would replace the other."""

    code = "duplicate_file_name"


def _too_large(limit: int) -> UploadTooLarge:
    """The 413 for an upload past ``limit`` bytes."""
    return UploadTooLarge(
        f"the upload is larger than the limit of {limit:,} bytes ({limit / 2**20:.0f} MiB, "
        "STATUSMAP_MAX_UPLOAD_BYTES); split the files, or import them with `statusmap import`"
    )


@asynccontextmanager
async def received_files(request: Request, limit: int) -> AsyncIterator[list[Path]]:
    """The files of ``request``'s multipart body, stored in a folder removed on exit.

    Raises :class:`UploadTooLarge` past ``limit`` bytes, :class:`DuplicateFileName` when two
    files share a name, :class:`MalformedRequest` for a body or file name that cannot be read,
    and :class:`~graph.errors.ValidationFailed` when no file came.
    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + FRAMING:
        raise _too_large(limit)  # refused before reading anything
    kind, options = parse_options_header(request.headers.get("content-type"))
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise MalformedRequest(
            "the body must be multipart/form-data (with a boundary), one CSV file per "
            f"'{FIELD}' part"
        )
    with tempfile.TemporaryDirectory(prefix="statusmap-upload-") as directory:
        reader = _Reader(Path(directory), limit)
        parser = MultipartParser(boundary, reader.callbacks())
        body = 0
        try:
            async for chunk in request.stream():
                body += len(chunk)
                if body > limit + FRAMING:
                    raise _too_large(limit)
                parser.write(chunk)
            parser.finalize()
        except FormParserError as e:
            raise MalformedRequest(f"the multipart body cannot be read: {e}") from None
        finally:
            reader.close()
        if not reader.paths:
            raise ValidationFailed([(FIELD, "no file was sent; send one or more CSV files")])
        yield reader.paths


class _Reader:
    """The multipart parser's callbacks: each file part written to its own file, counted."""

    def __init__(self, directory: Path, limit: int) -> None:
        self.directory = directory
        self.limit = limit
        self.paths: list[Path] = []
        self.total = 0
        self._out: BinaryIO | None = None
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value_part,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self.close,
        }

    def _part_begin(self) -> None:
        self._disposition = b""

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _header_value_part(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = self._header_value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if options.get(b"name") != FIELD.encode() or b"filename" not in options:
            return  # not a file of ours: its data is read past
        name = file_name(options[b"filename"], len(self.paths) + 1)
        path = self.directory / name
        if path in self.paths:
            raise DuplicateFileName(
                f"two files are named {name!r}; one would replace the other. Merge them into "
                "one file, or import them one after the other"
            )
        self.paths.append(path)
        self._out = path.open("xb")

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._out is None:
            return
        self.total += end - start
        if self.total > self.limit:
            raise _too_large(self.limit)
        self._out.write(data[start:end])

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
