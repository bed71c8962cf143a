"""The command line, driven the way a user drives it (SPEC section 3 and 5).

A handful of end-to-end cases run ``python -m contractlint`` in a subprocess
(exit codes, no traceback, colours only on a terminal, ``NO_COLOR``); the rest
use click's ``CliRunner`` in a temporary project folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from contractlint import __version__
from contractlint.cli.commands import cli

from conftest import cli_runner

CLEAN = """\
kind: model-contract
name: ranking-service
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
endpoint: /v1/rank
request:
  user_id: string
response:
  model_version: string
latency_budget_ms: {p50: 50, p95: 120}
timeout_ms: 300
throughput_rps: 400
fallback:
  strategy: serve_most_popular
  feature_flag: ranking_fallback
monitoring: [score_distribution, ctr_by_bucket, latency_p95]
retraining_trigger: weekly_or_ctr_drop_2pct
rollback: redeploy the previous model_version behind the ranking flag
logging: [request_id, user_id, model_version, scores]
"""

# Complete but for the fallback, the latency budget, the timeout and one owner:
# CL101, CL103 and CL105 at 1:1 (the document's first line), CL401 at the owners
# mapping (3:9), whatever other rules the registry holds.
BAD = """\
kind: model-contract
name: ranking-service
owners: {scope: pm@example.com, feasibility: eng@example.com}
endpoint: /v1/rank
request:
  user_id: string
response:
  model_version: string
throughput_rps: 400
monitoring: [score_distribution, ctr_by_bucket, latency_p95]
retraining_trigger: weekly_or_ctr_drop_2pct
rollback: redeploy the previous model_version behind the ranking flag
logging: [request_id, user_id, model_version, scores]
"""
BAD_CODES = ["CL101", "CL103", "CL105", "CL401"]

# Only CL102 (a warning): a plain-string fallback names no feature flag.
WARN_ONLY = CLEAN.replace(
    "fallback:\n  strategy: serve_most_popular\n  feature_flag: ranking_fallback\n",
    "fallback: serve_most_popular\n",
)
assert WARN_ONLY != CLEAN

FINDING_LINE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<code>CL\d{3}) "
    r"\[(?P<severity>error|warning|info)\] (?P<message>.+) \((?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)\)$"
)
# The summary line counts contracts, not files (SPEC 1): `3 contracts in 6,610 files
# checked: 2 errors, 1 warning; 1 fixable with `--fix`` or `All 3 contracts clean (6,607
# other files hold no contract)`.
SUMMARY_FOUND = re.compile(
    r"^(?P<contracts>[\d,]+) contracts? in (?P<files>[\d,]+) files? checked: "
    r"(?P<counts>[\d,]+ errors?(, [\d,]+ warnings?)?(, [\d,]+ infos?)?|"
    r"[\d,]+ warnings?(, [\d,]+ infos?)?|[\d,]+ infos?)(; [\d,]+ fixable with `--fix`)?$"
)
SUMMARY_CLEAR = re.compile(
    r"^(All (?P<contracts>[\d,]+) contracts|1 contract) clean"
    r"( \((1 other file holds|(?P<others>[\d,]+) other files hold) no contract\))?$"
)
NONE_FOUND = (
    "(a contract has kind: model-contract, experiment-plan, problem-framing or "
    "acceptance-checklist)"
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Environment variables that change what the CLI does; tests start without them.
_NEUTRAL_ENV: dict[str, str | None] = {
    "NO_COLOR": None,
    "CONTRACTLINT_OUTPUT_FORMAT": None,
    "GITHUB_ACTIONS": None,
    "CONTRACTLINT_DEBUG": None,
}


def _registry() -> list[dict[str, Any]]:
    result = cli_runner().invoke(cli, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


REGISTRY = _registry()
ALL_CODES = [rule["code"] for rule in REGISTRY]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder (its own git top level) that is the current folder."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    result = cli_runner().invoke(cli, list(args), env={**_NEUTRAL_ENV, **(env or {})})
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def finding_lines(stdout: str) -> list[re.Match[str]]:
    return [m for m in map(FINDING_LINE.match, stdout.splitlines()) if m]


def found_codes(result: Result) -> list[str]:
    return [m["code"] for m in finding_lines(result.stdout)]


def json_report(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- end to end, in a subprocess --------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _NEUTRAL_ENV}
    env.update(extra)
    return env


def _subprocess(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "contractlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=_env(**env),
        timeout=60,
    )
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_subprocess_exit_codes_and_plain_output(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "clean/contract.yaml", CLEAN)
    write(tmp_path, "bad/contract.yaml", BAD)

    clean = _subprocess(tmp_path, "check", "clean")
    assert clean.returncode == 0, clean.stderr
    assert SUMMARY_CLEAR.match(clean.stdout.strip())
    assert clean.stdout == "1 contract clean\n"

    bad = _subprocess(tmp_path, "check", "bad")
    assert bad.returncode == 1, bad.stderr
    # stdout is a pipe, not a terminal: no colour codes at all.
    assert "\x1b[" not in bad.stdout
    lines = bad.stdout.splitlines()
    assert len(lines) == len(BAD_CODES) + 1
    assert [m["code"] for m in finding_lines(bad.stdout)] == BAD_CODES
    assert SUMMARY_FOUND.match(lines[-1])
    assert lines[-1] == "1 contract in 1 file checked: 4 errors"

    usage = _subprocess(tmp_path, "check", "--no-such-option")
    assert usage.returncode == 2
    assert "--no-such-option" in usage.stderr


def test_subprocess_broken_inputs_never_traceback(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "syntax.yaml", "kind: model-contract\nname: x\nfallback: [1\n")
    # Broken contracts (a kind of ours in their bytes): reported.
    (tmp_path / "binary.json").write_bytes(b'{"kind": "model-contract"\x00\x01\x02')
    (tmp_path / "latin1.yaml").write_bytes("kind: model-contract\nname: café\n".encode("latin-1"))
    (tmp_path / "utf16.yaml").write_bytes("kind: model-contract\n".encode("utf-16"))
    # The same brokenness in files that hold no contract: silent (SPEC 1).
    (tmp_path / "blob.json").write_bytes(b"\x00\x01\x02")
    (tmp_path / "notes.yaml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    (tmp_path / "wide.yaml").write_bytes("name: x\n".encode("utf-16"))
    write(tmp_path, "broken.yaml", "key: [unclosed\n")
    write(tmp_path, "empty.md", "")
    done = _subprocess(tmp_path, "check", ".", "does-not-exist.yaml")
    assert done.returncode == 1
    by_path = {m["path"]: m["code"] for m in finding_lines(done.stdout)}
    assert by_path == {
        "binary.json": "CL006",
        "does-not-exist.yaml": "CL006",
        "latin1.yaml": "CL006",
        "syntax.yaml": "CL001",
        "utf16.yaml": "CL006",
    }
    assert done.stdout.splitlines()[-1] == "4 contracts in 10 files checked: 5 errors"


def test_subprocess_bad_config_is_exit_2_without_traceback(tmp_path: Path) -> None:
    write(tmp_path, ".contractlint.yaml", "select: [CL1\n")
    done = _subprocess(tmp_path, "check")
    assert done.returncode == 2
    assert ".contractlint.yaml" in done.stderr
    assert done.stdout == ""


def _on_terminal(cwd: Path, *args: str, **env: str) -> tuple[int, str]:
    """Run the CLI with stdout on a pseudo-terminal; returns (exit code, what it printed)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "contractlint", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=_env(**env),
            timeout=60,
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the terminal's other end is closed (Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return done.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colours_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "bad.yaml", BAD)

    code, coloured = _on_terminal(tmp_path, "check", "bad.yaml")
    assert code == 1
    assert "\x1b[31mCL101\x1b[0m" in coloured
    assert "\x1b[31m[error]\x1b[0m" in coloured

    code, plain = _on_terminal(tmp_path, "check", "bad.yaml", NO_COLOR="1")
    assert code == 1
    assert "\x1b[" not in plain
    assert plain == ANSI.sub("", coloured)

    code, plain = _on_terminal(tmp_path, "check", "--no-color", "bad.yaml")
    assert "\x1b[" not in plain
    assert plain == ANSI.sub("", coloured)


# --- check: exit codes --------------------------------------------------------------


def test_clean_project_exits_0(project: Path) -> None:
    write(project, "contract.yaml", CLEAN)
    result = run("check")
    assert result.exit_code == 0
    assert result.stdout == "1 contract clean\n"


def test_errors_exit_1_and_text_lines_have_the_documented_shape(project: Path) -> None:
    write(project, "contracts/bad.yaml", BAD)
    result = run("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    matches = [FINDING_LINE.match(line) for line in lines[:-1]]
    assert all(matches), lines
    assert [(m["path"], m["line"], m["column"], m["code"]) for m in matches if m] == [
        ("contracts/bad.yaml", "1", "1", "CL101"),
        ("contracts/bad.yaml", "1", "1", "CL103"),
        ("contracts/bad.yaml", "1", "1", "CL105"),
        ("contracts/bad.yaml", "3", "9", "CL401"),
    ]
    by_code = {rule["code"]: rule for rule in REGISTRY}
    for m in matches:
        assert m is not None
        assert m["name"] == by_code[m["code"]]["name"]
        assert m["severity"] == by_code[m["code"]]["severity"]
    assert lines[-1] == "1 contract in 1 file checked: 4 errors"


def test_summary_counts_contracts_files_and_severities(project: Path) -> None:
    write(project, "a.yaml", BAD)
    write(project, "b.yaml", WARN_ONLY)
    write(project, "c.yaml", CLEAN)
    write(project, "deploy.yaml", "apiVersion: v1\nkind: Service\n")  # no contract
    result = run("check")
    assert result.stdout.splitlines()[-1] == "3 contracts in 4 files checked: 4 errors, 1 warning"
    assert SUMMARY_FOUND.match(result.stdout.splitlines()[-1])


def test_summary_of_a_clean_run_counts_the_other_files(project: Path) -> None:
    write(project, "c.yaml", CLEAN)
    assert run("check").stdout == "1 contract clean\n"
    write(project, "deploy.yaml", "apiVersion: v1\nkind: Service\n")
    assert run("check").stdout == "1 contract clean (1 other file holds no contract)\n"
    write(project, "d.yaml", CLEAN.replace("ranking-service", "other-service"))
    write(project, "tsconfig.json", '{\n  // comment\n  "strict": true,\n}\n')
    result = run("check")
    assert result.exit_code == 0
    assert result.stdout == "All 2 contracts clean (2 other files hold no contract)\n"
    assert SUMMARY_CLEAR.match(result.stdout.strip())


def test_summary_when_no_contract_is_found(project: Path) -> None:
    write(project, "deploy.yaml", "apiVersion: v1\nkind: Service\n")
    write(project, "broken.yaml", "key: [unclosed\n")
    result = run("check")
    assert result.exit_code == 0
    assert result.stdout == f"No contract found in 2 files {NONE_FOUND}\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--no-such-option"], "--no-such-option"),
        (["--fail-on", "sometimes"], "--fail-on"),
        (["--format", "yaml"], "--format"),
        (["--select", "CL999"], "CL999"),
        (["--select", "missing-fallbak"], "missing-fallbak"),
        (["--ignore", "CLX"], "CLX"),
        (["--extend-select", "CL9"], "CL9"),
    ],
)
def test_usage_errors_exit_2(project: Path, args: list[str], expected: str) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", *args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stdout == ""


def test_unknown_rule_in_select_suggests_the_closest(project: Path) -> None:
    result = run("check", "--select", "missing-fallbak")
    assert result.exit_code == 2
    assert "missing-fallback" in result.stderr


def test_bad_config_exits_2(project: Path) -> None:
    write(project, ".contractlint.yaml", "fail-on: sometimes\n")
    write(project, "bad.yaml", BAD)
    result = run("check")
    assert result.exit_code == 2
    assert "fail-on" in result.stderr


# --- check: --fail-on and --exit-zero --------------------------------------------------


@pytest.mark.parametrize(
    ("fail_on", "errors", "warnings", "infos"),
    [
        # (fail-on, exit with an error, exit with only a warning, exit with only an info)
        (None, 1, 0, 0),
        ("error", 1, 0, 0),
        ("warning", 1, 1, 0),
        ("info", 1, 1, 1),
        ("never", 0, 0, 0),
    ],
)
def test_fail_on(
    project: Path, fail_on: str | None, errors: int, warnings: int, infos: int
) -> None:
    write(project, "errors/bad.yaml", BAD)
    write(project, "warnings/warn.yaml", WARN_ONLY)
    write(project, "infos/warn.yaml", WARN_ONLY)
    write(project, "infos/.contractlint.yaml", "severity: {CL102: info}\n")
    option = ["--fail-on", fail_on] if fail_on else []
    assert run("check", *option, "errors").exit_code == errors
    assert run("check", *option, "warnings").exit_code == warnings
    info = run("check", *option, "--config", "infos/.contractlint.yaml", "infos/warn.yaml")
    assert "[info]" in info.stdout
    assert info.exit_code == infos


def test_fail_on_from_the_config_and_the_command_line_wins(project: Path) -> None:
    write(project, "warn.yaml", WARN_ONLY)
    write(project, ".contractlint.yaml", "fail-on: warning\n")
    assert run("check", "warn.yaml").exit_code == 1
    assert run("check", "--fail-on", "error", "warn.yaml").exit_code == 0


def test_exit_zero(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", "--exit-zero")
    assert result.exit_code == 0
    assert found_codes(result) == BAD_CODES
    assert run("check", "--exit-zero", "--fail-on", "info").exit_code == 0


# --- check: --select / --ignore / --extend-select ------------------------------------


def test_the_registry_has_the_codes_these_tests_rely_on() -> None:
    for code in ("CL101", "CL102", "CL103", "CL104", "CL105", "CL401", "CL008", "CL006"):
        assert code in ALL_CODES


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], BAD_CODES),
        (["--select", "CL101"], ["CL101"]),
        (["--select", "missing-fallback"], ["CL101"]),
        (["--select", "MISSING-FALLBACK"], ["CL101"]),
        (["--select", "cl101"], ["CL101"]),
        (["--select", "CL1"], ["CL101", "CL103", "CL105"]),
        (["--select", "CL4"], ["CL401"]),
        (["--select", "ALL"], BAD_CODES),
        (["--select", "CL101,CL401"], ["CL101", "CL401"]),
        (["--select", "CL101, unowned-decision"], ["CL101", "CL401"]),
        (["--select", "CL101", "--select", "CL105"], ["CL101", "CL105"]),
        (["--ignore", "CL1"], ["CL401"]),
        (["--ignore", "CL101,missing-timeout"], ["CL103", "CL401"]),
        (["--ignore", "CL101", "--ignore", "CL4"], ["CL103", "CL105"]),
        # The longest matching selector wins.
        (["--select", "CL1", "--ignore", "CL103"], ["CL101", "CL105"]),
        (["--select", "CL1", "--ignore", "CL10"], []),
        (["--ignore", "CL1", "--select", "CL101"], ["CL101"]),
        (["--ignore", "CL10", "--extend-select", "CL105"], ["CL105", "CL401"]),
        (["--select", "CL", "--ignore", "CL1", "--extend-select", "CL103"], ["CL103", "CL401"]),
        # On a tie, ignore wins.
        (["--select", "CL101", "--ignore", "CL101"], []),
        (["--select", "CL101", "--ignore", "missing-fallback"], []),
        (["--select", "CL4", "--extend-select", "CL103"], ["CL103", "CL401"]),
        (["--select", "CL4", "--extend-select", "CL103,CL105"], ["CL103", "CL105", "CL401"]),
    ],
)
def test_selection(project: Path, options: list[str], expected: list[str]) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", *options, "bad.yaml")
    assert found_codes(result) == expected
    assert result.exit_code == (1 if expected else 0)


def test_command_line_select_replaces_the_configs_and_extend_select_adds(
    project: Path,
) -> None:
    write(project, "bad.yaml", BAD)
    write(project, ".contractlint.yaml", "select: [CL4]\nignore: [CL105]\n")
    assert found_codes(run("check", "bad.yaml")) == ["CL401"]
    assert found_codes(run("check", "--select", "CL1", "bad.yaml")) == ["CL101", "CL103"]
    assert found_codes(run("check", "--extend-select", "CL101", "bad.yaml")) == [
        "CL101",
        "CL401",
    ]
    assert found_codes(run("check", "--ignore", "CL401", "bad.yaml")) == []


# --- check: output formats -------------------------------------------------------------


FINDING_KEYS = {
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
}


def test_json_format(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    write(project, "clean.yaml", CLEAN)
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    data = json_report(result)
    assert data["version"] == 1
    assert [f["code"] for f in data["findings"]] == BAD_CODES
    for finding in data["findings"]:
        assert set(finding) >= FINDING_KEYS
        assert finding["path"] == "bad.yaml"
        for key in ("line", "column", "end_line", "end_column"):
            assert isinstance(finding[key], int) and finding[key] >= 1
        assert (finding["end_line"], finding["end_column"]) >= (
            finding["line"],
            finding["column"],
        )
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["fixable"], bool)
        assert finding["message"]
    first = data["findings"][0]
    assert (first["line"], first["column"], first["name"]) == (1, 1, "missing-fallback")
    summary = data["summary"]
    assert summary["files"] == 2
    assert summary["findings"] == 4
    assert summary["errors"] == 4
    assert summary["warnings"] == 0
    assert summary["infos"] == 0
    assert summary["contracts"] == summary["documents"] == 2
    # Nothing but the JSON document on stdout: no summary line.
    assert "checked:" not in result.stdout and "clean" not in result.stdout


def test_json_format_of_a_clean_run(project: Path) -> None:
    write(project, "clean.yaml", CLEAN)
    result = run("check", "--format", "json")
    assert result.exit_code == 0
    data = json_report(result)
    assert data["version"] == 1
    assert data["findings"] == []
    assert data["summary"]["findings"] == 0


def test_environment_selects_the_format(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", env={"CONTRACTLINT_OUTPUT_FORMAT": "json"})
    assert result.exit_code == 1
    assert json_report(result)["version"] == 1
    # --format wins over the environment.
    text = run("check", "--format", "text", env={"CONTRACTLINT_OUTPUT_FORMAT": "json"})
    assert found_codes(text) == BAD_CODES


def test_invalid_format_in_the_environment_exits_2(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", env={"CONTRACTLINT_OUTPUT_FORMAT": "xml"})
    assert result.exit_code == 2
    assert "CONTRACTLINT_OUTPUT_FORMAT" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_output_file_gets_the_report_and_stdout_none_of_it(
    project: Path, output_format: str
) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", "--format", output_format, "--output-file", "report.out")
    assert result.exit_code == 1
    report = (project / "report.out").read_text(encoding="utf-8")
    assert result.stdout == ""
    assert "CL101" not in result.stderr
    if output_format == "json":
        assert [f["code"] for f in json.loads(report)["findings"]] == BAD_CODES
    else:
        assert [m["code"] for m in finding_lines(report)] == BAD_CODES
        assert SUMMARY_FOUND.match(report.splitlines()[-1])
        assert "\x1b[" not in report


def test_output_file_in_a_missing_folder_makes_the_folder(project: Path) -> None:
    """As ruff's `--output-file`: `-o reports/x.txt` in CI needs no `mkdir` first."""
    write(project, "bad.yaml", BAD)
    result = run("check", "--output-file", "no/such/folder/report.txt")
    assert result.exit_code == 1, result.stderr
    assert "CL101" in (project / "no" / "such" / "folder" / "report.txt").read_text()


def test_output_file_where_no_folder_can_be_made_is_a_usage_error(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    write(project, "a-file", "")
    result = run("check", "--output-file", "a-file/report.txt")
    assert result.exit_code == 2
    assert "a-file/report.txt" in result.stderr
    assert "internal error" not in result.stderr


def test_a_json_report_in_the_project_does_not_disturb_the_next_run(project: Path) -> None:
    # The report is a .json file in the project: the next run sees it, finds no
    # `kind` of a contract in it, and skips it silently.
    write(project, "bad.yaml", BAD)
    run("check", "--format", "json", "-o", "report.json")
    again = run("check", "--format", "json")
    assert {f["path"] for f in json_report(again)["findings"]} == {"bad.yaml"}


def test_statistics(project: Path) -> None:
    write(project, "a.yaml", BAD)
    write(project, "b.yaml", BAD.replace("feasibility: eng@example.com", "feasibility: TBD"))
    result = run("check", "--statistics")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len([line for line in lines if FINDING_LINE.match(line)]) == 9
    assert lines[-5:] == [
        "3  CL401  [error] unowned-decision",
        "2  CL101  [error] missing-fallback",
        "2  CL103  [error] unset-latency-budget",
        "2  CL105  [error] missing-timeout",
        "2 contracts in 2 files checked: 9 errors",
    ]


def test_statistics_counts_most_frequent_first(project: Path) -> None:
    write(project, "a.yaml", BAD)
    write(project, "b.yaml", BAD)
    # No owners at all: three CL401 findings, no CL101.
    write(project, "c.yaml", "kind: model-contract\nname: c\nfallback: x\n")
    result = run("check", "--statistics", "--select", "CL101,CL401")
    lines = result.stdout.splitlines()
    assert lines[-3:] == [
        "5  CL401  [error] unowned-decision",
        "2  CL101  [error] missing-fallback",
        "3 contracts in 3 files checked: 7 errors",
    ]


def test_statistics_with_json_goes_to_stderr(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", "--statistics", "--format", "json")
    assert json_report(result)["version"] == 1
    assert "1  CL101  [error] missing-fallback" in result.stderr


def test_quiet_prints_no_summary(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", "--quiet")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert all(FINDING_LINE.match(line) for line in lines)
    (project / "bad.yaml").write_text(CLEAN, encoding="utf-8")
    clean = run("check", "-q")
    assert clean.exit_code == 0
    assert clean.stdout == ""


def test_no_colour_when_not_a_terminal(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    assert "\x1b[" not in run("check").output
    assert "\x1b[" not in run("check", env={"NO_COLOR": "1"}).output
    assert "\x1b[" not in run("check", "--no-color").output


# --- check: which files ----------------------------------------------------------------


def test_folders_are_walked_for_yaml_yml_json_md_only(project: Path) -> None:
    for name in ("a.yaml", "b.yml", "sub/c.yaml"):
        write(project, name, BAD)
    write(project, "d.json", json.dumps({"kind": "model-contract", "name": "d"}))
    write(project, "e.md", f"# Contract\n\n```yaml\n{BAD}```\n")
    for name in ("f.txt", "g.toml", "h.yaml.bak", "i.py", "j.yaml~", "k.jsonl"):
        write(project, name, BAD)
    result = run("check", "--select", "CL101", "--format", "json")
    data = json_report(result)
    assert sorted({f["path"] for f in data["findings"]}) == [
        "a.yaml",
        "b.yml",
        "d.json",
        "e.md",
        "sub/c.yaml",
    ]
    assert data["summary"]["files"] == 5


def test_walk_skips_tool_folders(project: Path) -> None:
    for folder in ("node_modules", ".venv", ".tox", "__pycache__", "build", "dist", ".vscode"):
        write(project, f"{folder}/x.yaml", BAD)
    write(project, "real.yaml", BAD)
    result = run("check", "--select", "CL101")
    assert [m["path"] for m in finding_lines(result.stdout)] == ["real.yaml"]


def test_gitignored_files_are_skipped_in_a_walk_but_linted_when_named(project: Path) -> None:
    # `out/`, not `build/`: a walk skips `build` anyway (the default `exclude`).
    write(project, ".gitignore", "out/\n*.generated.yaml\n")
    write(project, "out/out.yaml", BAD)
    write(project, "contracts/x.generated.yaml", BAD)
    write(project, "contracts/kept.yaml", BAD)
    write(project, "contracts/.gitignore", "local-*.yaml\n")
    write(project, "contracts/local-draft.yaml", BAD)

    walked = run("check", "--select", "CL101")
    assert [m["path"] for m in finding_lines(walked.stdout)] == ["contracts/kept.yaml"]
    assert walked.stdout.splitlines()[-1] == "1 contract in 1 file checked: 1 error"

    walked_sub = run("check", "--select", "CL101", "contracts")
    assert [m["path"] for m in finding_lines(walked_sub.stdout)] == ["contracts/kept.yaml"]

    named = run(
        "check",
        "--select",
        "CL101",
        "out/out.yaml",
        "contracts/x.generated.yaml",
        "contracts/local-draft.yaml",
    )
    assert sorted(m["path"] for m in finding_lines(named.stdout)) == [
        "contracts/local-draft.yaml",
        "contracts/x.generated.yaml",
        "out/out.yaml",
    ]


def test_gitignore_negation(project: Path) -> None:
    write(project, ".gitignore", "*.yaml\n!keep.yaml\n")
    write(project, "drop.yaml", BAD)
    write(project, "keep.yaml", BAD)
    result = run("check", "--select", "CL101")
    assert [m["path"] for m in finding_lines(result.stdout)] == ["keep.yaml"]


def test_gitignore_of_the_git_top_level_applies_from_a_subfolder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, ".gitignore", "generated/\n")
    write(project, "team/generated/x.yaml", BAD)
    write(project, "team/kept.yaml", BAD)
    monkeypatch.chdir(project / "team")
    result = run("check", "--select", "CL101")
    assert [m["path"] for m in finding_lines(result.stdout)] == ["kept.yaml"]


def test_exclude_skips_files_in_a_walk_and_force_exclude_skips_named_ones(
    project: Path,
) -> None:
    write(project, ".contractlint.yaml", "exclude: ['legacy/', '*.draft.yaml']\n")
    write(project, "legacy/old.yaml", BAD)
    write(project, "contracts/new.draft.yaml", BAD)
    write(project, "contracts/new.yaml", BAD)

    walked = run("check", "--select", "CL101")
    assert [m["path"] for m in finding_lines(walked.stdout)] == ["contracts/new.yaml"]

    named = run("check", "--select", "CL101", "legacy/old.yaml", "contracts/new.draft.yaml")
    assert sorted(m["path"] for m in finding_lines(named.stdout)) == [
        "contracts/new.draft.yaml",
        "legacy/old.yaml",
    ]

    forced = run(
        "check",
        "--select",
        "CL101",
        "--force-exclude",
        "legacy/old.yaml",
        "contracts/new.draft.yaml",
        "contracts/new.yaml",
    )
    assert [m["path"] for m in finding_lines(forced.stdout)] == ["contracts/new.yaml"]

    nothing = run("check", "--force-exclude", "legacy/old.yaml")
    assert nothing.exit_code == 0
    assert nothing.stdout == f"No contract found in 0 files {NONE_FOUND}\n"


def test_missing_path_is_a_cl006_finding(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", "bad.yaml", "nope/missing.yaml")
    assert result.exit_code == 1
    located = [(m["path"], m["line"], m["column"], m["code"]) for m in finding_lines(result.stdout)]
    assert ("nope/missing.yaml", "1", "1", "CL006") in located
    assert [c for c in found_codes(result) if c != "CL006"] == BAD_CODES


def test_a_file_named_twice_is_linted_once(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    result = run("check", "--select", "CL101", "bad.yaml", "./bad.yaml", ".")
    assert found_codes(result) == ["CL101"]


# --- explain -----------------------------------------------------------------------------


def test_explain_by_code_and_by_name_print_the_same(project: Path) -> None:
    by_code = run("explain", "CL101")
    by_name = run("explain", "missing-fallback")
    assert by_code.exit_code == by_name.exit_code == 0
    assert by_code.stdout == by_name.stdout
    assert by_code.stdout.startswith("CL101 missing-fallback [error]\n")
    for heading in ("Why it matters", "Failing example", "Passing example", "How to fix"):
        assert f"\n{heading}\n" in by_code.stdout
    assert run("explain", "cl101").stdout == by_code.stdout


def test_explain_json(project: Path) -> None:
    result = run("explain", "CL101", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["code"] == "CL101"
    assert data["name"] == "missing-fallback"
    for key in ("what", "why", "failing_example", "passing_example", "how_to_fix"):
        assert isinstance(data[key], str) and data[key].strip(), key
    assert "fallback" in data["failing_example"]


def test_explain_markdown(project: Path) -> None:
    result = run("explain", "missing-fallback", "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# CL101 missing-fallback\n")
    assert "## Why it matters" in text
    assert "## Failing example" in text
    assert "## How to fix" in text
    assert text.count("```yaml") == 2
    assert text.count("```") == 4


@pytest.mark.parametrize(
    ("rule", "suggestion"),
    [
        ("CL999", r"did you mean CL\d{3} \([a-z-]+\)"),
        ("missing-fallbak", r"did you mean CL101 \(missing-fallback\)"),
        ("fallback-unverifed", r"did you mean CL102 \(fallback-unverified\)"),
    ],
)
def test_explain_unknown_rule_exits_2_with_the_closest_names(
    project: Path, rule: str, suggestion: str
) -> None:
    result = run("explain", rule)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"`{rule}`" in result.stderr
    assert re.search(suggestion, result.stderr), result.stderr


def test_explain_every_rule(project: Path) -> None:
    for rule in REGISTRY:
        result = run("explain", rule["name"], "--format", "json")
        assert result.exit_code == 0
        assert json.loads(result.stdout)["code"] == rule["code"]


# --- rules, schema, config, version ---------------------------------------------------------


def test_rules_lists_every_rule(project: Path) -> None:
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(REGISTRY)
    for line, rule in zip(lines, REGISTRY):
        fields = line.split()
        assert fields[:3] == [rule["code"], rule["name"], rule["severity"]]
        assert rule["summary"] in line


def test_rules_json(project: Path) -> None:
    data = json_report(run("rules", "--format", "json"))
    assert isinstance(data, list)
    codes = [rule["code"] for rule in data]
    assert len(set(codes)) == len(codes)
    assert {"CL000", "CL001", "CL101", "CL401"} <= set(codes)
    for rule in data:
        assert {"code", "name", "severity", "kinds", "fixable", "summary"} <= set(rule)
        assert re.fullmatch(r"CL\d{3}", rule["code"])
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule["name"])
        assert rule["severity"] in ("error", "warning", "info")


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


@pytest.mark.parametrize(
    "kind", ["model-contract", "experiment-plan", "problem-framing", "acceptance-checklist"]
)
def test_schema_prints_a_self_contained_draft_2020_12_schema(project: Path, kind: str) -> None:
    result = run("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert {"kind", "name"} <= set(schema["required"])
    for ref in _refs(schema):
        assert ref.startswith("#"), ref


def test_schema_unknown_kind_exits_2(project: Path) -> None:
    result = run("schema", "bogus")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "bogus" in result.stderr
    assert "model-contract" in result.stderr


def test_config_prints_the_resolved_configuration_and_its_file(project: Path) -> None:
    config_file = write(project, ".contractlint.yaml", "fail-on: warning\nignore: [CL4]\n")
    result = run("config")
    assert result.exit_code == 0
    first, *rest = result.stdout.splitlines()
    assert first == f"# configuration file: {config_file}"
    assert "fail-on: warning" in rest

    data = json_report(run("config", "--format", "json"))
    assert data["config-file"] == str(config_file)
    assert data["fail-on"] == "warning"
    assert data["ignore"] == ["CL4"]
    assert "CL401" not in data["enabled-rules"]
    assert "CL101" in data["enabled-rules"]


def test_config_with_an_explicit_file(project: Path) -> None:
    other = write(project, "conf/lint.yaml", "select: [missing-fallback]\n")
    data = json_report(run("config", "--config", str(other), "--format", "json"))
    assert data["config-file"] == str(other)
    assert data["enabled-rules"] == ["CL101"]


def test_config_without_a_file_shows_the_defaults(project: Path) -> None:
    result = run("config", "--format", "json")
    data = json_report(result)
    if data["config-file"] is not None:  # pragma: no cover - a config above tmp_path
        pytest.skip(f"a config file above the test folder: {data['config-file']}")
    assert data["fail-on"] == "error"
    assert data["enabled-rules"] == sorted(ALL_CODES)
    assert data["required-owners"] == ["scope", "feasibility", "method"]
    text = run("config")
    assert text.stdout.splitlines()[0] == "# configuration file: none found (defaults)"


def test_version(project: Path) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout
    assert result.stdout.startswith("contractlint")
