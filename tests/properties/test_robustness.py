"""Hypothesis properties: no text and no bytes crash the linter, and every span lies
inside the file (documents from the basic generator of ``strategies.py``, truncated or
corrupted, and junk).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.results import Finding

from conftest import TODAY, located
from strategies import CONFIG, basic_fmt, complete_document, dump, written_files, yamlish_text


def file_lines(data: bytes) -> list[str] | None:
    """The file's lines as contractlint counts them (LF, CRLF or CR; BOM dropped)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_spans_inside(findings: list[Finding], lines: list[str]) -> None:
    for f in findings:
        where = (f.code, f.line, f.column, f.end_line, f.end_column, f.message)
        assert 1 <= f.line <= len(lines), where
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, where
        assert (f.end_line, f.end_column) >= (f.line, f.column), where
        assert f.end_line <= len(lines), where
        assert f.end_column >= 1, where


CANDIDATE = b"kind: model-contract\n"
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def may_hold_a_kind(data: bytes) -> bool:
    """Whether the text could hold a `kind` key at all, read leniently (a file with a
    UTF-16/32 byte-order mark decoded as such): an oracle that knows nothing of the
    sniff's pattern. Without the word `kind`, a file is no candidate (SPEC 1)."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return "kind" in data.decode(encoding, errors="replace")
    return b"kind" in data


def check_no_crash(data: bytes, name: str) -> None:
    with written_files({name: data}) as folder:
        result = lint_file(Target(os.path.join(folder, name), name), CONFIG, TODAY)
    findings = list(result.findings)
    assert all(isinstance(f, Finding) for f in findings)
    assert all(f.path == name for f in findings)
    if not may_hold_a_kind(data):
        # Not a candidate: no finding of any code (SPEC 1), whatever the bytes.
        assert findings == []
        return
    # A file that starts with a contract's kind line is a candidate for sure.
    candidate = data.removeprefix(b"\xef\xbb\xbf").startswith(CANDIDATE)
    lines = file_lines(data)
    if lines is None:
        # Not UTF-8: nothing (no contract in it), or one CL006 that names the byte (or
        # the encoding), at a place inside the file read leniently (each invalid byte
        # shown as one replacement character). A candidate always gets the CL006.
        assert [f.code for f in findings] in ([], ["CL006"])
        if candidate:
            assert [f.code for f in findings] == ["CL006"]
        for finding in findings:
            assert any(
                words in finding.message for words in ("not valid UTF-8", "binary", "encoded as")
            ), finding.message
        lenient = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
        assert_spans_inside(findings, lenient.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    else:
        assert_spans_inside(findings, lines)
        if candidate and b"\x00" not in data[:8192]:
            # Parsed: any CL006 is about a NUL past the first 8 KiB, never the encoding.
            assert "CL006" not in [f.code for f in findings], located(findings)


# Any text, including the characters PyYAML reads as line breaks but editors do
# not (U+0085, U+2028, U+2029), and control characters the YAML reader rejects.
any_text = st.text(st.characters(blacklist_categories=("Cs",)))


TEXT_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@TEXT_SETTINGS
@given(
    st.one_of(any_text, yamlish_text, any_text.map(lambda text: CANDIDATE.decode() + text)),
    st.sampled_from(["f.yaml", "f.json"]),
)
@example("kind: model-contract\nname: [x\n", "f.yaml")
@example('{"kind": "model-contract",}', "f.json")
@example("\ufeffkind: model-contract\r\nfallback: TBD\r\n", "f.yaml")
@example("a: b\rc: [\r", "f.yaml")
@example("x" * 9000 + "\x00", "f.yaml")
@example("kind: model-contract\u2028name: [x", "f.yaml")
@example("", "f.json")
@example("kind: model-contract\n\x00", "f.yaml")
@example("kind: model-contract\n!!python/object/apply:os.system [x]", "f.yaml")
def test_no_text_crashes_the_linter_and_spans_stay_inside(text, name):
    check_no_crash(text.encode("utf-8"), name)


any_bytes = st.binary(max_size=300)


@TEXT_SETTINGS
@given(
    st.one_of(
        any_bytes,
        any_bytes.map(lambda data: CANDIDATE + data),  # a candidate: parsed or CL006
        st.tuples(any_bytes, any_bytes).map(lambda parts: parts[0] + b"\n" + CANDIDATE + parts[1]),
    ),
    st.sampled_from(["f.yaml", "f.json"]),
)
@example(b"\xef\xbb\xbfname: caf\xe9\n", "f.yaml")
@example(b"\xef\xbb\xbfkind: model-contract\nname: caf\xe9\n", "f.yaml")
@example(b"\xff\xfe\x00", "f.json")
@example("kind: model-contract\n".encode("utf-16"), "f.yaml")
@example("kind: model-contract\n".encode("utf-32"), "f.json")
@example(b"\r\x80", "f.yaml")
@example(b"kind: model-contract\n\r\x80", "f.yaml")
@example(b"kind: model-contract\n\x00\x01", "f.json")
def test_no_bytes_crash_the_linter(data, name):
    check_no_crash(data, name)


@TEXT_SETTINGS
@given(
    st.tuples(st.sampled_from(["```yaml\n", "---\n", "text\n\n~~~json\n"]), yamlish_text).map(
        lambda parts: (parts[0] + parts[1]).encode("utf-8")
    )
)
@example(b"```yaml\nkind: model-contract\nname: [\n```\n")
@example(b'```yaml\n"')
@example(b'```yaml\nkind: model-contract\n"')
def test_no_markdown_crashes_the_linter_and_spans_stay_inside(data):
    check_no_crash(data, "f.md")


@settings(max_examples=50, deadline=None)
@given(complete_document, basic_fmt, st.data())
def test_spans_of_broken_documents_stay_inside(document, how, data):
    """Truncate or corrupt a real document at a random place."""
    _, text = dump(document, how)
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.sampled_from(["", "[", "{", ": x", "\n  - ", "'", '"', ",", "}"]))
    name = "f.json" if how == "json" else ("f.md" if how == "markdown" else "f.yaml")
    check_no_crash((text[:cut] + junk + text[cut:]).encode("utf-8"), name)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_unicode_line_separators_keep_findings_inside_the_file(separator):
    """PyYAML breaks lines at these characters; editors and contractlint do not."""
    data = f"kind: model-contract{separator}name: x{separator}fallbakc: 1\n".encode()
    with written_files({"f.yaml": data}) as folder:
        result = lint_file(Target(os.path.join(folder, "f.yaml"), "f.yaml"), CONFIG, TODAY)
    assert_spans_inside(list(result.findings), file_lines(data) or [])
