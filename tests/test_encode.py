"""The JSON the json, gitlab and sarif formats write (``formatters.encode``): the bytes
of its own writer (small reports) and of orjson (large ones) must be the standard
library's (``indent=2, ensure_ascii=False``), on generated values and on every
format's report, which never holds a float."""

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
@given(value=values, sort_keys=st.booleans(), findings=st.sampled_from([0, encode.LARGE]))
def test_the_bytes_are_the_standard_librarys(value: Any, sort_keys: bool, findings: int) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys)
    assert encode.dumps(value, sort_keys=sort_keys, findings=findings) == expected


@settings(max_examples=300, deadline=None)
@given(value=values, sort_keys=st.booleans())
def test_the_small_writer_writes_the_standard_librarys_bytes(value: Any, sort_keys: bool) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys)
    assert encode._indented(value, sort_keys) == expected


@pytest.mark.parametrize(
    "value", [1.5, {"x": [float("nan")]}, {1: "a"}, {"x": (1, 2)}, [True, 2**70, -0]]
)
def test_the_small_writer_leaves_other_types_to_the_standard_library(value: Any) -> None:
    assert encode.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_small_report_does_not_import_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> None:
        raise AssertionError("orjson imported for a small report")

    monkeypatch.setattr(encode, "_orjson", refused)
    assert (
        encode.dumps({"findings": [{"a": 1}]}, findings=1)
        == '{\n  "findings": [\n    {\n      "a": 1\n    }\n  ]\n}'
    )


def test_orjson_is_used_when_installed() -> None:
    pytest.importorskip("orjson")
    assert encode._orjson() is not None


@pytest.mark.parametrize(
    "value", [{"lone": "\ud800"}, [2**70], {"x": ["\udfff", 1]}], ids=["surrogate", "big", "deep"]
)
def test_what_orjson_cannot_write_the_standard_library_does(value: Any) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    assert encode.dumps(value, findings=encode.LARGE) == expected


def test_the_three_writers_write_the_same_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    report = api.lint_paths([str(EXAMPLES)])
    context = Context(root=str(EXAMPLES), cwd=str(EXAMPLES.parent))

    def written() -> dict[str, str]:
        return {name: FORMATTERS[name](report, context) for name in ("json", "gitlab", "sarif")}

    small = written()  # the examples' report is a small one
    monkeypatch.setattr(encode, "LARGE", 0)
    by_orjson = written()
    monkeypatch.setattr(encode, "_orjson", lambda: None)
    by_the_standard_library = written()
    assert small == by_orjson == by_the_standard_library


def _no_float(number: str) -> float:
    raise AssertionError(f"a float in a report: {number}")


@pytest.mark.parametrize("name", ["json", "gitlab", "sarif"])
def test_reports_hold_no_float(name: str) -> None:
    """orjson spells some floats differently (1e-5 for 1e-05): reports have none."""
    report = api.lint_paths([str(EXAMPLES)])
    written = FORMATTERS[name](report, Context(root=str(EXAMPLES), cwd=str(EXAMPLES.parent)))
    assert report.findings
    json.loads(written, parse_float=_no_float)
