"""The text and JSON formatters (SPEC sections 3 and 5) on a hand-built Report.

The expected outputs are checked in under ``tests/data/formatters/``: a change
to the output format shows up as a diff of those files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from contractlint import __version__
from contractlint.formatters import FORMATTERS, Context, full, json_format, text
from contractlint.results import FileResult, Finding, Report, Severity

DATA = Path(__file__).resolve().parent / "data" / "formatters"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

RANKING = "contracts/ranking.yaml"
PLAN = "docs/plan.md"

FINDINGS = (
    Finding(
        path=RANKING,
        line=1,
        column=1,
        end_line=1,
        end_column=21,
        code="CL101",
        name="missing-fallback",
        severity=Severity.ERROR,
        message="the contract has no `fallback`: say what callers get when the model is slow",
    ),
    Finding(
        path=RANKING,
        line=3,
        column=9,
        end_line=3,
        end_column=41,
        code="CL401",
        name="unowned-decision",
        severity=Severity.ERROR,
        message="nobody owns the `method` decision (data science)",
        pointer="/owners",
    ),
    Finding(
        path=RANKING,
        line=14,
        column=11,
        end_line=14,
        end_column=29,
        code="CL102",
        name="fallback-unverified",
        severity=Severity.WARNING,
        message='fallback "serve_most_popular" names no `feature_flag` — café ✓',
        pointer="/fallback",
    ),
    Finding(
        path=PLAN,
        line=12,
        column=3,
        end_line=12,
        end_column=7,
        code="CL005",
        name="ambiguous-scalar",
        severity=Severity.WARNING,
        message="`version: 1.10` was read as the number 1.1: quote it",
        fixable=True,
        pointer="/version",
    ),
    Finding(
        path=PLAN,
        line=20,
        column=1,
        end_line=20,
        end_column=2,
        code="CL108",
        name="missing-throughput-budget",
        severity=Severity.INFO,
        message="`throughput_rps` is missing",
    ),
)

REPORT = Report(
    files=(
        FileResult("clean.yaml", (), 1),
        FileResult(RANKING, FINDINGS[:3], 1),
        FileResult(PLAN, FINDINGS[3:], 2),
    ),
    findings=FINDINGS,
)

EMPTY = Report(files=(FileResult("clean.yaml", (), 1),), findings=())
NONE_FOUND = (
    "(a contract has kind: model-contract, experiment-plan, problem-framing or "
    "acceptance-checklist)"
)


def files_without_contracts(count: int) -> tuple[FileResult, ...]:
    return tuple(FileResult(f"deploy/{n}.yaml", (), 0) for n in range(count))


def expected_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
    data["tool"]["version"] = __version__
    return data


# --- text ------------------------------------------------------------------------------


def test_text_matches_the_checked_in_file() -> None:
    expected = (DATA / "expected.txt").read_text(encoding="utf-8")
    assert text.format_report(REPORT, Context()) == expected
    assert FORMATTERS["text"](REPORT, Context()) == expected


def test_text_lines_have_the_documented_shape() -> None:
    line = re.compile(
        r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>CL\d{3}) "
        r"\[(?P<sev>error|warning|info)\] (?P<message>.+) \((?P<name>[a-z-]+)\)$"
    )
    lines = text.format_report(REPORT, Context()).splitlines()
    parsed = [line.match(row) for row in lines[:-1]]
    assert all(parsed)
    assert [
        (m["path"], int(m["line"]), int(m["col"]), m["code"], m["sev"], m["message"], m["name"])
        for m in parsed
        if m
    ] == [(f.path, f.line, f.column, f.code, f.severity.value, f.message, f.name) for f in FINDINGS]


def test_text_summary_line() -> None:
    # SPEC 1: the summary counts contracts (documents), not files.
    assert text.summary(REPORT) == (
        "4 contracts in 3 files checked: 2 errors, 2 warnings, 1 info; 1 fixable with `--fix`"
    )
    assert text.summary(EMPTY) == "1 contract clean"
    assert text.summary(Report(files=())) == f"No contract found in 0 files {NONE_FOUND}"
    one = Report(files=(FileResult(RANKING, FINDINGS[:1], 1),), findings=FINDINGS[:1])
    assert text.summary(one) == "1 contract in 1 file checked: 1 error"
    infos = tuple(f._replace(severity=Severity.INFO, fixable=True) for f in FINDINGS[:2])
    two = Report(files=(FileResult(RANKING, infos, 1),), findings=infos)
    assert text.summary(two) == "1 contract in 1 file checked: 2 infos; 2 fixable with `--fix`"
    warned = Report(files=(FileResult(RANKING, FINDINGS[2:3], 2),), findings=FINDINGS[2:3])
    assert text.summary(warned) == "2 contracts in 1 file checked: 1 warning"


def test_text_summary_of_a_clean_run_counts_the_other_files() -> None:
    one_other = Report(files=(*EMPTY.files, *files_without_contracts(1)))
    assert text.summary(one_other) == "1 contract clean (1 other file holds no contract)"
    two = Report(files=(FileResult("a.yaml", (), 2), *files_without_contracts(2)))
    assert text.summary(two) == "All 2 contracts clean (2 other files hold no contract)"
    assert text.summary(Report(files=(FileResult("a.yaml", (), 3),))) == "All 3 contracts clean"


def test_text_summary_when_no_contract_is_found() -> None:
    assert text.summary(Report(files=files_without_contracts(1))) == (
        f"No contract found in 1 file {NONE_FOUND}"
    )
    assert text.summary(Report(files=files_without_contracts(6))) == (
        f"No contract found in 6 files {NONE_FOUND}"
    )


def test_text_summary_of_a_monorepo_groups_thousands() -> None:
    # The examples of SPEC section 1, verbatim.
    contracts = tuple(FileResult(f"c{n}.yaml", (), 1) for n in range(3))
    files = (*contracts, *files_without_contracts(6_607))
    assert text.summary(Report(files=files)) == (
        "All 3 contracts clean (6,607 other files hold no contract)"
    )
    found = Report(files=files, findings=FINDINGS[:3])
    assert text.summary(found) == "3 contracts in 6,610 files checked: 2 errors, 1 warning"
    assert text.summary(Report(files=files_without_contracts(6_610))) == (
        f"No contract found in 6,610 files {NONE_FOUND}"
    )


def test_text_summary_baseline_note() -> None:
    assert text.summary(EMPTY._replace(baselined=2)) == (
        "1 contract clean; 2 more held back by the baseline."
    )
    assert text.summary(REPORT._replace(baselined=1)) == (
        "4 contracts in 3 files checked: 2 errors, 2 warnings, 1 info; 1 fixable with `--fix`"
        "; 1 more held back by the baseline."
    )


def test_text_of_an_empty_report() -> None:
    assert text.format_report(EMPTY, Context()) == "1 contract clean\n"
    assert text.format_findings(EMPTY) == []


def test_text_colours_only_when_asked() -> None:
    plain = text.format_report(REPORT, Context())
    coloured = text.format_report(REPORT, Context(color=True))
    assert "\x1b[" not in plain
    assert coloured != plain
    assert ANSI.sub("", coloured) == plain
    rows = coloured.splitlines()
    assert rows[0] == (
        f"\x1b[1m{RANKING}:1:1:\x1b[0m \x1b[31mCL101\x1b[0m \x1b[31m[error]\x1b[0m "
        f"{FINDINGS[0].message} (missing-fallback)"
    )
    assert "\x1b[33mCL102\x1b[0m \x1b[33m[warning]\x1b[0m" in rows[2]
    assert "\x1b[36mCL108\x1b[0m \x1b[36m[info]\x1b[0m" in rows[4]
    assert rows[5] == f"\x1b[1m{text.summary(REPORT)}\x1b[0m"
    assert rows[5].startswith("\x1b[1m4 contracts in 3 files checked")
    clear = text.format_report(EMPTY, Context(color=True))
    assert clear == "\x1b[32m1 contract clean\x1b[0m\n"
    none = text.format_report(Report(files=files_without_contracts(1)), Context(color=True))
    assert none == f"\x1b[1mNo contract found in 1 file {NONE_FOUND}\x1b[0m\n"


def test_statistics() -> None:
    report = Report(
        files=REPORT.files,
        findings=(*FINDINGS, FINDINGS[3], FINDINGS[3]._replace(line=30), FINDINGS[1]),
    )
    assert text.statistics(report) == (
        "3  CL005  [warning] ambiguous-scalar\n"
        "2  CL401  [error] unowned-decision\n"
        "1  CL101  [error] missing-fallback\n"
        "1  CL102  [warning] fallback-unverified\n"
        "1  CL108  [info] missing-throughput-budget"
    )
    assert text.statistics(EMPTY) == ""


def test_statistics_right_aligns_the_counts() -> None:
    many = tuple(FINDINGS[0]._replace(line=n) for n in range(1, 13))
    report = Report(files=REPORT.files, findings=(*many, FINDINGS[2]))
    assert text.statistics(report).splitlines() == [
        "12  CL101  [error] missing-fallback",
        " 1  CL102  [warning] fallback-unverified",
    ]


# --- json ------------------------------------------------------------------------------


def test_json_matches_the_checked_in_file() -> None:
    output = json_format.format_report(REPORT, Context())
    assert json.loads(output) == expected_json()
    assert FORMATTERS["json"](REPORT, Context()) == output


def test_json_layout() -> None:
    output = json_format.format_report(REPORT, Context())
    data = json.loads(output)
    assert output == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert "café ✓" in output  # not escaped to \u sequences
    assert data["version"] == 1
    assert data["tool"] == {"name": "contractlint", "version": __version__}
    assert data["summary"] == {
        "files": 3,
        "contracts": 4,
        "documents": 4,
        "findings": 5,
        "errors": 2,
        "warnings": 2,
        "infos": 1,
    }
    for finding in data["findings"]:
        assert {
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "name",
            "severity",
            "message",
            "fixable",
        } <= set(finding)


def test_json_never_colours() -> None:
    assert json_format.format_report(REPORT, Context(color=True)) == json_format.format_report(
        REPORT, Context()
    )


def test_json_round_trips() -> None:
    data = json.loads(json_format.format_report(REPORT, Context()))
    rebuilt = tuple(
        Finding(**{**item, "severity": Severity(item["severity"])}) for item in data["findings"]
    )
    assert rebuilt == FINDINGS


def test_json_of_an_empty_report() -> None:
    data = json.loads(json_format.format_report(EMPTY, Context()))
    assert data["version"] == 1
    assert data["findings"] == []
    assert data["summary"] == {
        "files": 1,
        "contracts": 1,
        "documents": 1,
        "findings": 0,
        "errors": 0,
        "warnings": 0,
        "infos": 0,
    }


@pytest.mark.parametrize("name", ["text", "json"])
def test_formatters_are_pure(name: str) -> None:
    formatter = FORMATTERS[name]
    assert formatter(REPORT, Context()) == formatter(REPORT, Context())
    assert REPORT.findings == FINDINGS


# --- full --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "token", "underline"),
    [
        ("owner: 中文 😀👍 TBD", "TBD", " " * 17 + "^^^"),  # wide characters: 2 columns
        ("team: 山田太郎チーム  # x", "山田太郎チーム", " " * 6 + "^" * 14),
        ("name: cafe\u0301 TBD", "TBD", " " * 11 + "^^^"),  # a combining accent: none
        ("\tkey: ａｂ TBD", "TBD", "\t" + " " * 10 + "^^^"),  # fullwidth; the tab stays
    ],
)
def test_full_places_the_carets_by_display_width(line: str, token: str, underline: str) -> None:
    """As ruff places them (East Asian width W and F: two columns, combining marks none),
    so that they sit under the token in a terminal."""
    start = line.index(token) + 1
    finding = Finding("x.yaml", 1, start, 1, start + len(token), "CL003", "n", Severity.ERROR, "m")
    report = Report((FileResult("x.yaml", (finding,), 1),), (finding,))
    shown = full.format_findings(report, lambda path: [line])
    assert shown[1:4] == ["  |", f"1 | {line}", f"  | {underline}"]
