"""Reading request bodies: what is refused as malformed, and what is let through."""

from __future__ import annotations

import doctest
import json

import pytest

import api.request_body
from api.request_body import MAX_JSON_DEPTH, MalformedRequest, decode_json, file_name


def test_docstring_examples() -> None:
    result = doctest.testmod(api.request_body)
    assert result.attempted > 0 and result.failed == 0


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_as_deep_as_the_limit_is_read_one_level_more_is_refused() -> None:
    assert decode_json(_nested(MAX_JSON_DEPTH)) is not None
    with pytest.raises(MalformedRequest, match=f"more than {MAX_JSON_DEPTH} levels"):
        decode_json(_nested(MAX_JSON_DEPTH + 1))
    with pytest.raises(MalformedRequest, match="levels deep"):
        decode_json(_nested(100_000))  # past the decoder's own recursion limit


def test_surrogate_pairs_are_read_lone_surrogates_are_refused() -> None:
    assert decode_json(json.dumps({"name": "\U0001f600"})) == {"name": "\U0001f600"}
    with pytest.raises(MalformedRequest, match=r"unpaired surrogate \(\\udc00\)"):
        decode_json('{"a": ["x", {"b": "caf\\u00e9 \\udc00"}]}')
    with pytest.raises(MalformedRequest, match="unpaired surrogate"):
        decode_json('{"\\ud800": 1}')  # in a key, too


def test_bad_json_names_line_and_column() -> None:
    with pytest.raises(MalformedRequest, match=r"not valid JSON: .*line 1, column 2"):
        decode_json(b"{,}")


def test_file_names_keep_their_last_segment_and_a_readable_length() -> None:
    assert file_name(b"C:\\Users\\ann\\people.csv", 1) == "people.csv"
    assert file_name("é".encode() * 127 + b".", 1)  # 255 bytes
    with pytest.raises(MalformedRequest, match="256 bytes long"):
        file_name(b"p" * 252 + b".csv", 1)
