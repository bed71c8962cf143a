"""The JSON the json, gitlab and sarif formats write (``formatters.encode``): orjson's
bytes must be the standard library's (``indent=2, ensure_ascii=False``), on generated
values and on every format's report, which never holds a float."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint import api
from contractlint.formatters import FORMATTERS, Context, encode

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Every character class that JSON escapes differently: controls, quotes, backslash,
# U+2028/9, DEL, non-ASCII and astral characters.
text = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x00", "\x1f", "\x7f", '"', "\\", "\u2028", "\u2029", "\U0001f600"]),
    ),
    max_size=12,
)
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**64 - 1), text),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=values, sort_keys=st.booleans())
def test_the_bytes_are_the_standard_librarys(value: Any, sort_keys: bool) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys)
    assert encode.dumps(value, sort_keys=sort_keys) == expected


def test_orjson_is_used_when_installed() -> None:
    pytest.importorskip("orjson")
    assert encode._orjson() is not None


@pytest.mark.parametrize(
    "value", [{"lone": "\ud800"}, [2**70], {"x": ["\udfff", 1]}], ids=["surrogate", "big", "deep"]
)
def test_what_orjson_cannot_write_the_standard_library_does(value: Any) -> None:
    assert encode.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_without_orjson_the_output_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    report = api.lint_paths([str(EXAMPLES)])
    context = Context(root=str(EXAMPLES), cwd=str(EXAMPLES.parent))
    fast = {name: FORMATTERS[name](report, context) for name in ("json", "gitlab", "sarif")}
    monkeypatch.setattr(encode, "_orjson", lambda: None)
    for name, written in fast.items():
        assert FORMATTERS[name](report, context) == written, name


def _no_float(number: str) -> float:
    raise AssertionError(f"a float in a report: {number}")


@pytest.mark.parametrize("name", ["json", "gitlab", "sarif"])
def test_reports_hold_no_float(name: str) -> None:
    """orjson spells some floats differently (1e-5 for 1e-05): reports have none."""
    report = api.lint_paths([str(EXAMPLES)])
    written = FORMATTERS[name](report, Context(root=str(EXAMPLES), cwd=str(EXAMPLES.parent)))
    assert report.findings
    json.loads(written, parse_float=_no_float)
