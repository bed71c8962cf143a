"""What a contract or a file name holds never acts on the reader of a report.

- Control characters (ESC, BEL, CR, DEL, C1...) from contract content and file names
  are written out (``\\x1b``) in every human-readable format: text, full, GitHub
  annotations, plain lines and step summary. Terminals and the Actions log act on
  them (ESC starts an escape sequence, CR rewrites the line).
- No line of the GitHub format but its own commands is read by the runner as a
  workflow command: not a path that starts with ``::`` (after leading whitespace,
  which the runner trims), not a legacy ``##[name]`` anywhere in a line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contractlint.formatters import Context, full, github, text
from contractlint.report_text import visible
from contractlint.results import Severity
from test_ci_formats import _lines, finding, parse_command, report_of

# Every character a terminal or the Actions log may act on: C0 but tab, DEL, C1.
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0))]
RAW = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
EVIL = "esc\x1b[2J bell\x07 cr\rlf\n del\x7f csi\x9b nel\x85 tab\t✓"
SHOWN = "esc\\x1b[2J bell\\x07 cr\\rlf\\n del\\x7f csi\\x9b nel\\x85 tab\t✓"


def test_visible_writes_out_every_control_character_but_tab() -> None:
    for char in CONTROLS:
        shown = visible(char)
        assert not RAW.search(shown) and shown.startswith("\\"), repr(char)
    assert visible("\x1b\x00\x7f\x9f") == "\\x1b\\x00\\x7f\\x9f"
    assert visible("a\tb\nc\r") == "a\tb\\nc\\r"
    assert visible("a\nb\r\n\x1b", newlines=True) == "a\nb\r\n\\x1b"
    assert visible(" café 山田 😀 ") == " café 山田 😀 "  # printable text as it is


def test_text_shows_control_characters() -> None:
    f = finding("dir/we\x1bird\x07.yaml", message=EVIL)
    out = text.format_report(report_of(f), Context())
    assert not RAW.search(out.replace("\n", ""))
    assert out.count("\n") == 2  # the finding's line and the summary: no line break added
    assert out.startswith(f"dir/we\\x1bird\\x07.yaml:3:5: CL101 [error] {SHOWN} (")
    # In colour, the only escape sequences are the format's own.
    coloured = text.format_report(report_of(f), Context(color=True))
    own = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert not RAW.search(own.replace("\n", "")) and "\\x1b[2J" in own


def test_full_shows_control_characters_of_the_source_line_and_aligns_the_carets() -> None:
    line = "a: \x1b[31m\x07 target"
    start = line.index("target") + 1
    f = finding("x.yaml", 1, start, end_column=start + 6, message=EVIL)
    shown = full.format_findings(report_of(f), lambda path: [line])
    assert not any(RAW.search(each) for each in shown)
    assert shown[2] == "1 | a: \\x1b[31m\\x07 target"
    assert shown[3].index("^") == shown[2].index("target")
    assert shown[3].count("^") == len("target")


@pytest.mark.parametrize(
    "path",
    [
        "::stop-commands::pwned.yaml",
        " ::stop-commands::pwned.yaml",
        "\t::error::x.yaml",
        "\u3000::add-mask::x.yaml",  # ideographic space: .NET's TrimStart trims it too
    ],
)
def test_a_plain_line_never_starts_a_command(tmp_path: Path, path: str) -> None:
    errors = [finding(f"e{i:02}.yaml") for i in range(10)]
    out = github.format_report(report_of(*errors, finding(path)), Context(cwd=str(tmp_path)))
    lines = _lines(out)
    assert [parse_command(line) is None for line in lines] == [False] * 10 + [True, False]
    assert (
        lines[10]
        == f"./{path}:3:5: CL101 [error] the contract has no `fallback` (missing-fallback)"
    )
    notice = parse_command(lines[-1])
    assert notice is not None and notice[0] == "notice"  # still read: nothing stopped it


def test_a_plain_line_never_holds_a_legacy_command_or_a_line_break(tmp_path: Path) -> None:
    evil = "x ##[stop-commands]token ##[error]boom\r::error::cr\n::warning::lf"
    errors = [finding(f"e{i:02}.yaml") for i in range(10)]
    rest = finding("f.yaml", message=evil)
    out = github.format_report(report_of(*errors, rest), Context(cwd=str(tmp_path)))
    lines = _lines(out)
    assert len(lines) == 12  # ten annotations, one plain line, the notice
    assert parse_command(lines[10]) is None
    assert "##\\[stop-commands]token ##\\[error]boom\\r::error::cr\\n::warning::lf" in lines[10]
    # In an annotation's message the runner reads no command (V2 parses first).
    (annotation,) = _lines(github.format_report(report_of(rest), Context(cwd=str(tmp_path))))
    parsed = parse_command(annotation)
    assert parsed is not None and parsed[0] == "error" and parsed[2] == evil


def test_github_shows_control_characters(tmp_path: Path) -> None:
    f = finding("we\x1bird.yaml", message=EVIL, code="CL102", severity=Severity.WARNING)
    out = github.format_report(report_of(f), Context(cwd=str(tmp_path)))
    (line,) = _lines(out)
    parsed = parse_command(line)
    assert parsed is not None
    _, properties, message = parsed
    assert properties["file"] == "we\\x1bird.yaml"
    # Line breaks stay in an annotation (encoded as %0A, they make it span lines).
    assert message == "esc\\x1b[2J bell\\x07 cr\rlf\n del\\x7f csi\\x9b nel\\x85 tab\t✓"
    assert not RAW.search(line)
    # Plain lines (beyond the 10 annotations of a type) and the step summary too.
    many = [f._replace(line=n) for n in range(1, 13)]
    for each in _lines(github.format_report(report_of(*many), Context(cwd=str(tmp_path)))):
        assert not RAW.search(each)
    summary = github.step_summary(report_of(*many))
    assert not RAW.search(summary.replace("\n", ""))
    assert "| `we\\x1bird.yaml:1` |" in summary
    assert "esc\\x1b[2J bell\\x07 cr<br>lf<br> del\\x7f csi\\x9b nel\\x85" in summary


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("::stop-commands::pwned.yaml", "the contract has no `fallback`"),
        (" ::error::x.yaml", "the contract has no `fallback`"),
        ("f.yaml", "x ##[stop-commands]token ##[error]boom"),
    ],
)
def test_the_text_format_in_a_ci_log_never_starts_a_command(
    tmp_path: Path, path: str, message: str
) -> None:
    """`--format text` chosen on GitHub Actions (the default there is github): its lines
    are read by the same runner, so they are as inert as the github format's."""
    out = text.format_report(report_of(finding(path, message=message)), Context(cwd=str(tmp_path)))
    for line in _lines(out):
        assert parse_command(line) is None, line


def test_the_full_format_shows_a_legacy_command_in_the_source_inertly(tmp_path: Path) -> None:
    source = ["name: x ##[stop-commands]t  fallback: TBD"]
    column = source[0].index("TBD") + 1
    where = finding("f.yaml", message="m")._replace(
        line=1, column=column, end_line=1, end_column=column + 3
    )
    lines = full.format_findings(report_of(where), lambda path: source)
    for line in lines:
        assert parse_command(line) is None, line
    shown, carets = lines[2], lines[3]
    assert carets.index("^") == shown.index("TBD") and carets.count("^") == 3
