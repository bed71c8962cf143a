"""What a user of ruff or yamllint expects in the first hour (issue 19): `-` for stdin,
`--output-format` and the config's `output-format`, the `full` format, `--color`,
`--show-fixes`, `--exit-non-zero-on-fix`, `--isolated`, `clean`, `rules --select
--kind`, and the progress line. End to end through the CLI, in a fresh process."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from contractlint.cli import progress
from contractlint.cli.entry import parse_check

from conftest import contractlint
from documents import MODEL, edit

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BROKEN = edit(MODEL, timeout_ms="abc")  # CL003 at the value, line 6


def run(
    folder: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m contractlint ARGS`` in ``folder``: no cache, no colour unless asked."""
    return contractlint(folder, *args, env={"NO_COLOR": "", **(env or {})}, stdin=stdin)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "model.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


# --- formats --------------------------------------------------------------------------


def test_output_format_is_an_alias_of_format(project: Path) -> None:
    by_format = run(project, "check", "--format", "json", "model.yaml")
    for spelling in (("--output-format", "json"), ("--output-format=json",)):
        by_alias = run(project, "check", *spelling, "model.yaml")
        assert by_alias.stdout == by_format.stdout and by_alias.returncode == 1
    quick = parse_check(["check", "--output-format", "sarif", "."])
    assert quick is not None and quick.output_format == "sarif"


@pytest.mark.parametrize(
    ("config", "args", "env", "expected"),
    [
        ("output-format: json\n", (), {}, "json"),
        ("output-format: json\n", ("--format", "text"), {}, "text"),
        ("output-format: json\n", (), {"CONTRACTLINT_OUTPUT_FORMAT": "gitlab"}, "gitlab"),
        ("output-format: json\n", (), {"GITHUB_ACTIONS": "true"}, "json"),
        ("", (), {"GITHUB_ACTIONS": "true"}, "github"),
        ("", (), {}, "text"),
    ],
)
def test_the_config_sets_the_format_below_the_command_line_and_environment(
    project: Path, config: str, args: tuple[str, ...], env: dict[str, str], expected: str
) -> None:
    (project / ".contractlint.yaml").write_text(config or "fail-on: error\n", encoding="utf-8")
    env = {"GITHUB_OUTPUT": "", "GITHUB_STEP_SUMMARY": "", **env}
    done = run(project, "check", *args, "model.yaml", env=env)
    assert done.returncode == 1, done.stderr
    shown = {
        "json": lambda out: json.loads(out)["findings"][0]["code"] == "CL003",
        "gitlab": lambda out: json.loads(out)[0]["check_name"].startswith("CL003"),
        "github": lambda out: out.startswith("::error file=model.yaml,line=6"),
        "text": lambda out: out.startswith("model.yaml:6:13: CL003 [error]"),
    }
    assert shown[expected](done.stdout), done.stdout


def test_a_bad_output_format_in_the_config_names_the_key(project: Path) -> None:
    (project / ".contractlint.yaml").write_text("output-format: xml\n", encoding="utf-8")
    done = run(project, "check", "model.yaml")
    assert done.returncode == 2 and ".contractlint.yaml:1" in done.stderr
    assert "output-format" in done.stderr


def test_full_shows_the_source_line_with_the_span_underlined(project: Path) -> None:
    done = run(project, "check", "--format", "full", "model.yaml")
    lines = done.stdout.splitlines()
    head = lines.index(next(line for line in lines if line.startswith("model.yaml:6:13: CL003")))
    assert lines[head + 1 : head + 5] == [
        "  |",
        "6 | timeout_ms: abc",
        "  |             ^^^",
        "  |",
    ]
    assert lines[-1].startswith("1 contract in 1 file checked")
    # The concise text format stays the default, one line per finding.
    text = run(project, "check", "model.yaml").stdout.splitlines()
    assert len(text) == len([line for line in lines if line.startswith("model.yaml:")]) + 1


def test_full_keeps_tabs_under_the_line_and_survives_a_missing_file(tmp_path: Path) -> None:
    from contractlint.formatters import full
    from contractlint.results import FileResult, Finding, Report, Severity

    finding = Finding("x.yaml", 1, 3, 1, 5, "CL003", "schema-violation", Severity.ERROR, "m")
    report = Report((FileResult("x.yaml", (finding,), 1),), (finding,))
    shown = full.format_findings(report, lambda path: ["\tab: cd"])
    assert shown[1:4] == ["  |", "1 | \tab: cd", "  | \t ^^"]
    assert full.format_findings(report, lambda path: None) == shown[:1]


# --- colour ---------------------------------------------------------------------------

ANSI = "\x1b["


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # a pipe
        (("--color", "always"), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--color", "auto"), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "0"}, False),
        (("--no-color",), {"FORCE_COLOR": "1"}, False),
        ((), {"NO_COLOR": "1"}, False),
        ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins, as in ruff
    ],
)
def test_color_flags_and_environment(
    project: Path, args: tuple[str, ...], env: dict[str, str], coloured: bool
) -> None:
    done = run(project, "check", *args, "model.yaml", env=env)
    assert (ANSI in done.stdout) is coloured, done.stdout


def test_a_report_file_is_never_coloured(project: Path) -> None:
    for args in (("--color", "always"), ()):
        done = run(project, "check", *args, "-o", "r.txt", "model.yaml", env={"FORCE_COLOR": "1"})
        assert done.returncode == 1 and "CL003" in (project / "r.txt").read_text()
        assert ANSI not in (project / "r.txt").read_text()


def test_statistics_and_the_summary_of_a_machine_format_go_to_stderr(project: Path) -> None:
    to_file = run(project, "check", "--format", "sarif", "--statistics", "-o", "r.sarif", ".")
    assert to_file.stderr.splitlines() == [
        "1  CL003  [error] schema-violation",
        "1 contract in 1 file checked: 1 error",
    ]
    quiet = run(project, "check", "--format", "sarif", "--quiet", "-o", "r.sarif", ".")
    assert quiet.stderr == ""
    run(project, "check", "--write-baseline", "b.json", ".")
    (project / "other.yaml").write_text(BROKEN, encoding="utf-8")
    held = run(project, "check", "--format", "sarif", "--baseline", "b.json", ".")
    assert json.loads(held.stdout)["runs"][0]["results"]  # other.yaml's finding
    assert held.stderr.strip().endswith("; 1 more held back by the baseline.")


# --- fixes ----------------------------------------------------------------------------


@pytest.fixture
def fixable(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    shutil.copy(EXAMPLES / "model-contract" / "interface.yaml", tmp_path / "a.yaml")
    shutil.copy(EXAMPLES / "model-contract" / "ranking.json", tmp_path / "b.json")
    return tmp_path


def test_show_fixes_lists_what_was_fixed_per_file(fixable: Path) -> None:
    done = run(fixable, "check", "--fix", "--show-fixes", "--select", "CL505", ".")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "Fixed 2 findings:",
        "- a.yaml:",
        "    1 \u00d7 CL505 (deprecated-field-name)",
        "- b.json:",
        "    1 \u00d7 CL505 (deprecated-field-name)",
    ]
    again = run(fixable, "check", "--fix", "--show-fixes", "--select", "CL505", ".")
    assert "Fixed" not in again.stderr  # nothing left to fix, nothing to show


def test_fix_says_how_many_unless_quiet(fixable: Path) -> None:
    done = run(fixable, "check", "--fix", "--select", "CL505", "a.yaml")
    assert done.stderr == "Fixed 1 finding; what remains is reported below.\n"
    shutil.copy(EXAMPLES / "model-contract" / "interface.yaml", fixable / "a.yaml")
    quiet = run(fixable, "check", "--fix", "--quiet", "--select", "CL505", "a.yaml")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
    assert "timeouts_ms:" not in (fixable / "a.yaml").read_text(encoding="utf-8")


def test_exit_non_zero_on_fix(fixable: Path) -> None:
    first = run(fixable, "check", "--fix", "--exit-non-zero-on-fix", "--select", "CL505", ".")
    assert first.returncode == 1 and "All 2 contracts clean" in first.stdout
    second = run(fixable, "check", "--fix", "--exit-non-zero-on-fix", "--select", "CL505", ".")
    assert second.returncode == 0


# --- configuration --------------------------------------------------------------------


def test_isolated_reads_no_configuration(project: Path) -> None:
    (project / ".contractlint.yaml").write_text("ignore: [CL003]\n", encoding="utf-8")
    assert run(project, "check", "model.yaml").returncode == 0
    assert run(project, "check", "--isolated", "model.yaml").returncode == 1
    both = run(project, "check", "--isolated", "--config", ".contractlint.yaml", "model.yaml")
    assert both.returncode == 2
    assert both.stderr == (
        "contractlint: --isolated reads no configuration file: drop --config or --isolated\n"
    )


# --- stdin ----------------------------------------------------------------------------


def test_stdin_is_linted_as_the_file_it_names(project: Path) -> None:
    done = run(project, "check", "-", "--stdin-filename", "contracts/x.yaml", stdin=BROKEN)
    assert done.returncode == 1
    assert done.stdout.startswith("contracts/x.yaml:6:13: CL003 [error]")
    unnamed = run(project, "check", "-", stdin=BROKEN)
    assert unnamed.stdout.startswith("stdin:6:13: CL003")


def test_stdin_name_picks_the_format_and_the_per_file_ignores(project: Path) -> None:
    (project / ".contractlint.yaml").write_text(
        "per-file-ignores:\n  'legacy/*': [CL003]\n", encoding="utf-8"
    )
    legacy = run(project, "check", "-", "--stdin-filename", "legacy/x.yaml", stdin=BROKEN)
    assert legacy.returncode == 0, legacy.stdout
    as_json = run(project, "check", "-", "--stdin-filename", "x.json", stdin=BROKEN)
    assert "CL001" in as_json.stdout and "invalid JSON" in as_json.stdout


def test_stdin_that_is_not_a_contract_is_quiet(project: Path) -> None:
    manifest = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
    done = run(project, "check", "-", "--stdin-filename", "deploy.yaml", stdin=manifest)
    assert done.returncode == 0 and done.stdout.startswith("No contract found in 1 file")


def test_stdin_fix_prints_the_fixed_text(fixable: Path) -> None:
    text = (fixable / "a.yaml").read_text(encoding="utf-8")
    done = run(fixable, "check", "-", "--fix", "--select", "CL505", stdin=text)
    assert done.returncode == 0 and done.stdout != text
    again = ("check", "-", "--select", "CL505", "--fail-on", "info")
    assert run(fixable, *again, stdin=text).returncode == 1
    assert run(fixable, *again, stdin=done.stdout).returncode == 0
    assert (fixable / "a.yaml").read_text(encoding="utf-8") == text  # no file written


def test_stdin_fix_reports_what_remains_on_stderr_with_its_exit_code(fixable: Path) -> None:
    """As ruff: the fixed text on stdout, the findings left on stderr, exit 1 for them."""
    text = edit(MODEL, fallback=None).replace("timeout_ms:", "timeouts_ms:")
    done = run(fixable, "check", "-", "--fix", "--select", "CL505,CL101", stdin=text)
    assert done.returncode == 1
    assert done.stdout == text.replace("timeouts_ms:", "timeout_ms:")
    remains = done.stderr.splitlines()
    assert remains[0] == "Fixed 1 finding; what remains is reported below."
    assert remains[1].startswith("stdin:1:1: CL101 [error]")
    assert remains[-1].startswith("1 contract in 1 file checked: 1 error")
    broken = run(fixable, "check", "-", "--fix", stdin="kind: model-contract\nname: [\n")
    assert broken.returncode == 1 and broken.stdout == "kind: model-contract\nname: [\n"
    assert "CL001 [error] invalid YAML" in broken.stderr
    as_json = run(fixable, "check", "-", "--fix", "--format", "json", stdin=text)
    assert json.loads(as_json.stderr)["summary"]["findings"] > 0
    flagged = ("check", "-", "--fix", "--select", "CL505", "--exit-non-zero-on-fix")
    assert run(fixable, *flagged, stdin=text).returncode == 1
    assert run(fixable, *flagged, stdin=done.stdout).returncode == 0


def test_stdin_with_force_exclude_leaves_an_excluded_name_alone(project: Path) -> None:
    """As ruff: an editor pipes every buffer; `exclude` still decides (--force-exclude)."""
    (project / ".contractlint.yaml").write_text("extend-exclude: [vendor/]\n")
    args = ("check", "--force-exclude", "-", "--stdin-filename", "vendor/x.yaml")
    done = run(project, *args, stdin=BROKEN)
    assert done.returncode == 0 and "CL003" not in done.stdout
    fixed = run(project, *args, "--fix", stdin=BROKEN)
    assert fixed.returncode == 0 and fixed.stdout == BROKEN
    linted = run(project, "check", "-", "--stdin-filename", "vendor/x.yaml", stdin=BROKEN)
    assert linted.returncode == 1  # without --force-exclude a named file is linted


def test_stdin_diff_shows_what_fix_would_change(fixable: Path) -> None:
    text = edit(MODEL, fallback=None).replace("timeout_ms:", "timeouts_ms:")
    done = run(fixable, "check", "-", "--diff", "--stdin-filename", "c.yaml", stdin=text)
    assert done.returncode == 1
    assert done.stdout.startswith("--- a/c.yaml\n+++ b/c.yaml\n@@")
    assert "-timeouts_ms: 300\n+timeout_ms: 300\n" in done.stdout
    fixed = text.replace("timeouts_ms:", "timeout_ms:")
    same = run(fixable, "check", "-", "--diff", stdin=fixed)
    assert same.returncode == 0 and same.stdout == ""


def test_stdin_filename_alone_reads_stdin(project: Path) -> None:
    done = run(project, "check", "--stdin-filename", "x.yaml", stdin=BROKEN)
    assert done.returncode == 1 and done.stdout.startswith("x.yaml:6:13: CL003")


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (("-", "model.yaml"), "`-` (stdin) is linted alone"),
        (("--stdin-filename", "x.yaml", "model.yaml"), "give `-` as the path"),
        (("-", "--write-baseline", "b.json"), "need files, not stdin"),
    ],
)
def test_stdin_misuse_is_one_line_and_exit_2(
    project: Path, args: tuple[str, ...], complaint: str
) -> None:
    done = run(project, "check", *args, stdin=BROKEN)
    assert done.returncode == 2 and complaint in done.stderr
    assert len(done.stderr.splitlines()) == 1


# --- clean, rules ---------------------------------------------------------------------


def test_clean_removes_the_cache_and_nothing_else(project: Path) -> None:
    env = {"CONTRACTLINT_NO_CACHE": ""}
    run(project, "check", "model.yaml", env=env)
    assert (project / ".contractlint_cache").is_dir()
    done = run(project, "clean")
    assert done.returncode == 0 and "Removed the cache" in done.stderr
    assert not (project / ".contractlint_cache").exists()
    assert "No cache to remove" in run(project, "clean").stderr
    other = project / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    assert "No cache to remove" in run(project, "clean", "--cache-dir", "notes").stderr
    assert (other / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("name", "broken"),
    [
        ("pyproject.toml", "[tool.contractlint]\nselect = [\n"),
        (".contractlint.yaml", "select: [\n"),
    ],
)
def test_clean_works_with_a_broken_configuration(project: Path, name: str, broken: str) -> None:
    """As `ruff clean`: a broken configuration must not keep its cache, wherever the
    command runs in the project."""
    run(project, "check", "model.yaml", env={"CONTRACTLINT_NO_CACHE": ""})
    (project / name).write_text(broken, encoding="utf-8")
    (project / "sub").mkdir()
    done = run(project / "sub", "clean")
    assert done.returncode == 0 and "Removed the cache" in done.stderr, done.stderr
    assert not (project / ".contractlint_cache").exists()


def test_rules_select_and_kind(project: Path) -> None:
    done = run(project, "rules", "--select", "CL3", "--kind", "experiment-plan")
    codes = [line.split()[0] for line in done.stdout.splitlines()]
    assert codes and all(code.startswith("CL3") for code in codes)
    assert "CL301" in codes
    by_kind = run(project, "rules", "--kind", "acceptance-checklist").stdout.splitlines()
    assert by_kind and all("acceptance-checklist" in line or "[all]" in line for line in by_kind)
    assert "CL401" in {line.split()[0] for line in by_kind}
    named = run(project, "rules", "--select", "missing-fallback,CL102")
    assert [line.split()[0] for line in named.stdout.splitlines()] == ["CL101", "CL102"]
    unknown = run(project, "rules", "--select", "CL9")
    assert unknown.returncode == 2 and "did you mean" in unknown.stderr
    bad_kind = run(project, "rules", "--kind", "experiment-plna")
    assert bad_kind.returncode == 2 and "experiment-plan" in bad_kind.stderr


# --- progress -------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_only_after_a_second_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    now = [0.0]
    out = Terminal()
    with progress.shown(3000, out, lambda: now[0]) as tick:
        assert tick is not None
        tick(10)
        now[0] = 0.5
        tick(500)
        assert out.getvalue() == ""  # a quick run shows nothing
        now[0] = 1.2
        tick(1500)
        assert "1,500/3,000 files (50%)" in out.getvalue()
        now[0] = 1.25
        tick(1600)
        assert "1,600" not in out.getvalue()  # at most ten redraws a second
    assert out.getvalue().endswith("\r\x1b[2K")  # erased at the end


@pytest.mark.parametrize("where", ["pipe", "ci"])
def test_progress_never_on_a_pipe_or_in_ci(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    out: io.StringIO = io.StringIO() if where == "pipe" else Terminal()
    if where == "ci":
        monkeypatch.setenv("CI", "true")
    with progress.shown(3000, out, lambda: 5.0) as tick:
        assert tick is None
    assert out.getvalue() == ""


def test_a_long_run_on_a_pipe_prints_no_progress(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for index in range(60):
        (tmp_path / f"m{index}.yaml").write_text(MODEL, encoding="utf-8")
    done = run(tmp_path, "check", ".")
    assert done.returncode == 0 and done.stderr == ""


def test_full_shows_no_snippet_for_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "c.yaml").write_bytes("kind: model-contract\n".encode("utf-16"))
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + BROKEN.encode("utf-8"))
    done = run(tmp_path, "check", "--format", "full", ".")
    lines = done.stdout.splitlines()
    cl006 = lines.index(next(line for line in lines if line.startswith("c.yaml:1:1: CL006")))
    assert not lines[cl006 + 1].startswith("  |")  # the finding alone: no bytes as noise
    # With a byte-order mark, the columns still line up under the value.
    bom = lines.index(next(line for line in lines if line.startswith("bom.yaml:6:13: CL003")))
    assert lines[bom + 2 : bom + 4] == ["6 | timeout_ms: abc", "  |             ^^^"]
