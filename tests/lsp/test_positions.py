"""The one conversion between contractlint's spans (1-based, code points) and LSP
positions (0-based, in the negotiated encoding), held to what each encoding counts.
These need lsprotocol only (Python 3.9 too)."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from contractlint.lsp.positions import UTF8, UTF16, UTF32, Text, lines_with_breaks
from contractlint.results import Finding, Severity

# A line with a character outside the BMP (2 UTF-16 units, 4 UTF-8 bytes) and one
# inside it (1 unit, 2 bytes), then CRLF and CR line endings.
TEXT = "kind: x\r\nname: \U0001f600é ok\rlast"


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


@pytest.mark.parametrize(
    "encoding, column_of_ok",
    [(UTF16, 10), (UTF32, 9), (UTF8, 13)],
)
def test_a_column_is_counted_in_the_units_of_the_encoding(encoding: str, column_of_ok: int) -> None:
    text = Text(TEXT, encoding)
    # `ok` is the 10th character of line 2 (1-based): after "name: ", 😀, é and a space.
    assert text.position(2, 10) == at(1, column_of_ok)
    assert text.point(at(1, column_of_ok)) == (2, 10)
    assert text.line(1) == "name: \U0001f600é ok"


def test_lines_end_as_lsp_says_and_nowhere_else() -> None:
    text = Text("a\r\nb\rc\nd\u2028e\x0cf")
    assert text.line_count == 4  # U+2028 and a form feed do not end a line in LSP
    assert [text.line(i) for i in range(4)] == ["a", "b", "c", "d\u2028e\x0cf"]
    assert text.at_offset(text.text.index("c")) == at(2, 0)
    assert text.offset(at(3, 2)) == text.text.index("\u2028") + 1


def test_a_column_past_the_end_stays_past_it() -> None:
    # A finding may end one column past its line (an empty value at the end): the
    # range keeps that width rather than folding it onto the line's end.
    text = Text("key:\n")
    assert text.position(1, 6) == at(0, 5)
    assert text.position(3, 1) == at(2, 0)


def test_a_finding_becomes_its_range() -> None:
    finding = Finding("x.yaml", 2, 7, 2, 9, "CL005", "ambiguous-scalar", Severity.WARNING, "m")
    assert Text(TEXT).range_of(finding) == types.Range(start=at(1, 6), end=at(1, 9))


def test_offsets_and_positions_round_trip() -> None:
    text = Text(TEXT)
    for offset in range(len(TEXT) + 1):
        if TEXT[offset - 1 : offset + 1] == "\r\n":
            continue  # between the two characters of one line break: no position
        assert text.offset(text.at_offset(offset)) == offset


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb", "\n\n", "x\ry\rz", "a\u2028b\x0cc\nd"])
def test_lines_with_breaks_end_only_where_lsp_ends_a_line(text: str) -> None:
    found = lines_with_breaks(text)
    assert "".join(found) == text
    assert len(found) == Text(text).line_count - (
        1 if text.endswith(("\n", "\r")) or not text else 0
    )
    for line in found[:-1]:
        assert line.endswith(("\n", "\r"))
    if "\u2028" not in text and "\x0c" not in text:
        assert found == tuple(text.splitlines(True))
