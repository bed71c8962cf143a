"""The console script's two front ends: the quick parser of ``entry.py`` and click.

The quick parser must understand a ``check`` line exactly as click does, or give
it to click. Each property is checked against click itself: click parses the
line with ``check_command.run`` replaced by a recorder, and the options it
would run with must equal the quick parser's. End to end, the same command
lines through ``entry.main`` (quick) and through click print the same bytes
and exit with the same code.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractlint.cli import check_command, entry
from contractlint.cli.check_command import CheckOptions
from contractlint.cli.commands import cli
from contractlint.cli.entry import parse_check
from contractlint.run import runner

from documents import EXPERIMENT, MODEL, edit

# CL101, CL105, CL502 (errors) in one file; a plan with CL605 warnings; a clean contract.
BROKEN = edit(MODEL, name="broken", fallback=None, timeout_ms=None)
PLAN = EXPERIMENT.replace(
    "name: email-subject-personalization\n",
    "name: email-subject-personalization\ncontract: model.yaml\n",
)
FILES = {
    "model.yaml": MODEL,
    "broken.yaml": BROKEN,
    "plans/plan.yaml": PLAN,
    "fixme.yaml": MODEL + "version: 1.10\n",  # CL005, fixable
    "ci/lint.yaml": "fail-on: error\n",  # a configuration only `--config` names
    "baseline.json": '{"version": 1, "entries": []}\n',
}
ENV = (
    "CONTRACTLINT_NO_CACHE",
    "CONTRACTLINT_CACHE_DIR",
    "CONTRACTLINT_OUTPUT_FORMAT",
    "GITHUB_ACTIONS",
    "NO_COLOR",
)


def write(folder: Path) -> None:
    (folder / ".git").mkdir(parents=True, exist_ok=True)  # the project root
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "project"
    write(folder)
    monkeypatch.chdir(folder)
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    return folder


def clicked(args: Sequence[str], monkeypatch: pytest.MonkeyPatch) -> CheckOptions | None:
    """The options click would run ``args`` with; None when click refuses the line."""
    seen: list[CheckOptions] = []

    def record(options: CheckOptions) -> int:
        seen.append(options)
        return 0

    with monkeypatch.context() as patch:
        patch.setattr(check_command, "run", record)
        try:
            cli.main(list(args), prog_name="contractlint", standalone_mode=False)
        except (click.ClickException, click.exceptions.Exit):
            return None
        except SystemExit as exc:
            assert exc.code == 0
    return seen[0] if seen else None


# --- the parser, against click --------------------------------------------------------

COMMON = [
    ["check"],
    ["check", "."],
    ["check", "model.yaml", "broken.yaml"],
    ["check", "--force-exclude", "model.yaml"],  # the pre-commit hook
    ["check", "--fix", "--force-exclude", "fixme.yaml"],  # the fixing hook
    ["check", "--format", "github"],
    ["check", "--format=sarif", "-q", "plans"],
    ["check", "-q", "--no-color", "--statistics", "--exit-zero"],
    ["check", "--fail-on", "warning", "--fail-on=info"],
    ["check", "--select", "CL1,CL2", "--select=CL605", "--ignore", "CL105"],
    ["check", "--extend-select", "unowned-decision", "--ignore=missing-timeout"],
    ["check", "-j", "2", "--jobs=1", "--no-cache"],
    ["check", "--diff", "fixme.yaml"],
    ["check", "model.yaml", "-q", "broken.yaml"],  # options between paths
    ["check", "--", "-q", "model.yaml"],  # after --, every word is a path
    ["check", "missing.yaml"],
    ["check", "--config", "ci/lint.yaml"],  # a path option: checked as click checks it
    ["check", "-o", "out.txt", "--format", "sarif"],
    ["check", "--output-file=out.txt"],
    ["check", "--baseline", "baseline.json"],
    ["check", "--write-baseline", "b.json"],
    ["check", "--cache-dir", "c"],
    ["check", "--cache-dir", "plans"],  # a folder that exists
]


@pytest.mark.parametrize("args", COMMON, ids=" ".join)
def test_a_common_line_is_parsed_as_click_parses_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    quick = parse_check(args)
    assert quick is not None
    assert quick == clicked(args, monkeypatch)


REFUSED = [
    [],
    ["--version"],
    ["explain", "CL101"],
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--config", "plans"],  # a folder where a file is wanted: click says so
    ["check", "--config="],  # empty: click's to judge
    ["check", "-o", "plans"],
    ["check", "--cache-dir", "model.yaml"],  # a file where a folder is wanted
    ["check", "-qj2"],  # short options run together
    ["check", "-j2"],
    ["check", "--bogus"],
    ["check", "--format", "xml"],  # not a format: click says so
    ["check", "--format=Text"],
    ["check", "--fail-on", "critical"],
    ["check", "--jobs", "0"],
    ["check", "--jobs", "two"],
    ["check", "--jobs", "٢"],  # a digit, but not one click reads
    ["check", "--jobs"],
    ["check", "--select"],
    ["check", "--select", "--ignore"],  # click takes the next word as the value
    ["check", "--quiet=yes"],
    ["check", "-"],
]


@pytest.mark.parametrize(
    ("spelling", "name", "kind"),
    [
        *((spelling, name, "flag") for spelling, name in entry.FLAGS.items()),
        *((spelling, name, "value") for spelling, name in entry.VALUES.items()),
        *((spelling, name, "list") for spelling, name in entry.LISTS.items()),
    ],
)
def test_each_known_option_is_the_click_option_of_that_name(
    spelling: str, name: str, kind: str
) -> None:
    found = [p for p in cli.commands["check"].params if spelling in p.opts]
    assert len(found) == 1, spelling
    option = found[0]
    assert isinstance(option, click.Option) and option.name == name
    assert option.is_flag == (kind == "flag")
    assert option.multiple == (kind == "list")


@pytest.mark.parametrize("args", REFUSED, ids=lambda a: " ".join(a) or "(nothing)")
def test_anything_else_goes_to_click(project: Path, args: list[str]) -> None:
    assert parse_check(args) is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CONTRACTLINT_NO_CACHE": "1"}, {"no_cache": True}),
        ({"CONTRACTLINT_NO_CACHE": " Yes "}, {"no_cache": True}),
        ({"CONTRACTLINT_NO_CACHE": "off"}, {"no_cache": False}),
        ({"CONTRACTLINT_NO_CACHE": ""}, {"no_cache": False}),
        ({"CONTRACTLINT_NO_CACHE": "maybe"}, None),  # click refuses it
        ({"CONTRACTLINT_CACHE_DIR": "elsewhere"}, {"cache_dir": "elsewhere"}),
        ({"CONTRACTLINT_CACHE_DIR": ""}, {"cache_dir": None}),
        ({"CONTRACTLINT_CACHE_DIR": "model.yaml"}, None),  # a file: click refuses it
        ({"CONTRACTLINT_OUTPUT_FORMAT": "JSON"}, {"output_format": "json"}),
        ({"CONTRACTLINT_OUTPUT_FORMAT": "xml"}, None),  # click reports it
        # On GitHub, github is the default after the config's `output-format`: `run` decides.
        ({"GITHUB_ACTIONS": "true"}, {"output_format": ""}),
        (
            {"GITHUB_ACTIONS": "true", "CONTRACTLINT_OUTPUT_FORMAT": "text"},
            {"output_format": "text"},
        ),
    ],
)
def test_the_environment_is_read_as_click_reads_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: Any
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    quick = parse_check(["check"])
    if expected is None:
        assert quick is None
        return
    assert quick is not None
    assert {name: getattr(quick, name) for name in expected} == expected
    assert quick == clicked(["check"], monkeypatch)


def test_the_command_line_wins_over_the_environment(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTRACTLINT_NO_CACHE", "0")
    monkeypatch.setenv("CONTRACTLINT_OUTPUT_FORMAT", "json")
    args = ["check", "--no-cache", "--format", "text"]
    quick = parse_check(args)
    assert quick is not None and quick.no_cache and quick.output_format == "text"
    assert quick == clicked(args, monkeypatch)


def test_an_unreadable_path_is_linted_like_the_rest(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unreadable file is its own CL006 (as a missing one is), never a usage error
    that stops the run: the quick parser and click both take it."""
    monkeypatch.setattr(os, "access", lambda path, mode: not str(path).endswith("broken.yaml"))
    args = ["check", "model.yaml", "broken.yaml"]
    quick = parse_check(args)
    assert quick is not None and quick.paths == ("model.yaml", "broken.yaml")
    assert quick == clicked(args, monkeypatch)


# Each example parses one line twice (quick, then click) in the test's project folder.
PROPERTIES = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

WORDS = st.sampled_from(
    [
        *entry.FLAGS,
        *(f"{option}={value}" for option in entry.VALUES for value in ("json", "warning", "2")),
        *(f"{option}=CL1" for option in entry.LISTS),
        *entry.VALUES,
        *entry.LISTS,
        "text", "json", "github", "error", "never", "1", "3", "0", "-1", "CL101", "CL1,CL2",
        "model.yaml", "plans", "missing.yaml", "--", "-", "--bogus", "-x", "--help", "-qj2",
        "--config", "pyproject.toml", "--no-color=1", "--format=", "--jobs=", "--config=",
        "-o", "--cache-dir", "--baseline", "out.txt", "--output-file=plans",
    ]
)  # fmt: skip


@settings(PROPERTIES, max_examples=300)
@given(words=st.lists(WORDS, max_size=7))
def test_the_parser_never_disagrees_with_click(
    project: Path, monkeypatch: pytest.MonkeyPatch, words: list[str]
) -> None:
    args = ["check", *words]
    quick = parse_check(args)
    if quick is not None:  # when it answers, it answers as click does
        assert quick == clicked(args, monkeypatch), args


def _option(name: str, values: list[str]) -> st.SearchStrategy[list[str]]:
    """``--name value``, or ``--name=value`` (a long option only: ``-j=2`` means ``=2``)."""
    value = st.sampled_from(values)
    spaced = value.map(lambda v: [name, v])
    if not name.startswith("--"):
        return spaced
    return st.one_of(spaced, value.map(lambda v: [f"{name}={v}"]))


# Only words the quick parser knows, each well formed: it must always answer.
KNOWN = st.one_of(
    st.sampled_from(sorted(entry.FLAGS)).map(lambda flag: [flag]),
    _option("--format", ["text", "json", "github", "sarif", "junit", "gitlab"]),
    _option("--fail-on", ["error", "warning", "info", "never"]),
    st.sampled_from(["-j", "--jobs"]).flatmap(lambda o: _option(o, ["1", "2", "17"])),
    st.sampled_from(sorted(entry.LISTS)).flatmap(
        lambda o: _option(o, ["CL1", "CL101,CL2", "missing-fallback", "CL999"])
    ),
    st.sampled_from(["model.yaml", "plans", "missing.yaml", "."]).map(lambda p: [p]),
    st.sampled_from(["--config", "-o", "--output-file", "--baseline", "--write-baseline"]).flatmap(
        lambda o: _option(o, ["pyproject.toml", "out.txt", "model.yaml"])
    ),
    _option("--cache-dir", ["c", "plans"]),
)


@settings(PROPERTIES, max_examples=200)
@given(parts=st.lists(KNOWN, max_size=8))
def test_a_line_of_known_words_is_parsed_as_click_parses_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, parts: list[list[str]]
) -> None:
    args = ["check", *(word for part in parts for word in part)]
    quick = parse_check(args)
    assert quick is not None, args
    assert quick == clicked(args, monkeypatch), args


# --- end to end: the same bytes either way ----------------------------------------------------


@pytest.fixture
def no_gc_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """``entry.main`` freezes the collector for a short run; not for the test session."""
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(gc, "set_threshold", lambda *args: None)


def outcome(front: str, args: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[Any, ...]:
    capsys.readouterr()
    try:
        if front == "quick":
            assert parse_check(args) is not None, args
            entry.main(args)
        else:
            cli.main(list(args), prog_name="contractlint")
    except SystemExit as exc:
        code = exc.code
    else:  # pragma: no cover - both front ends always exit
        code = "no exit"
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("args", [a for a in COMMON if "--jobs=1" not in a], ids=" ".join)
def test_both_front_ends_print_the_same(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_gc_changes: None,
    args: list[str],
) -> None:
    twin = tmp_path / "twin"  # --fix edits files: each front end gets its own copy
    shutil.copytree(project, twin)
    monkeypatch.setenv("CONTRACTLINT_NO_CACHE", "1")
    quick = outcome("quick", args, capsys)
    monkeypatch.chdir(twin)
    code, out, err = outcome("click", args, capsys)
    slow = (code, out.replace(twin.as_uri(), project.as_uri()), err)  # SARIF's SRCROOT
    assert quick == slow
    assert quick[0] in (0, 1)
    assert (project / "fixme.yaml").read_bytes() == (twin / "fixme.yaml").read_bytes()


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("selecct: [CL1]\n", "configuration error: "),  # found, not named: the quick path
        ("fail-on: sometimes\n", "configuration error: "),
    ],
)
def test_a_configuration_error_is_reported_the_same(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_gc_changes: None,
    config: str,
    expected: str,
) -> None:
    (project / ".contractlint.yaml").write_text(config, encoding="utf-8")
    quick = outcome("quick", ["check"], capsys)
    assert quick == outcome("click", ["check"], capsys)
    code, out, err = quick
    assert code == 2 and out == "" and expected in err and "Traceback" not in err


def test_a_configuration_that_is_not_there_is_reported_the_same(
    project: Path, capsys: pytest.CaptureFixture[str], no_gc_changes: None
) -> None:
    args = ["check", "--config", "missing.toml"]  # click.Path takes it: the run refuses it
    quick = outcome("quick", args, capsys)
    assert quick == outcome("click", args, capsys)
    code, out, err = quick
    assert code == 2 and out == "" and "missing.toml" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("error", "code", "expected"),
    [
        (RuntimeError("boom"), 2, "contractlint: internal error: RuntimeError: boom"),
        (KeyboardInterrupt(), 130, "Aborted!"),  # 128 + SIGINT, as a shell reports it
    ],
)
def test_a_crash_or_an_interrupt_is_reported_the_same(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_gc_changes: None,
    error: BaseException,
    code: int,
    expected: str,
) -> None:
    def crash(*args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(runner, "lint", crash)
    quick = outcome("quick", ["check"], capsys)
    assert quick == outcome("click", ["check"], capsys)
    assert quick[0] == code and expected in quick[2] and "Traceback" not in quick[2]


def lines(stream: Any) -> Iterator[bytes]:
    yield from iter(stream.readline, b"")


@pytest.mark.parametrize(
    "options",
    [[], ["-j1"]],
    ids=["quick", "click"],  # `-j1` (a value run into its short option) is click's to parse
)
def test_a_reader_that_goes_away_ends_the_run_quietly(project: Path, options: list[str]) -> None:
    (project / ".contractlint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    for index in range(300):  # more output than a pipe holds (64 KiB)
        (project / f"broken-{index}.yaml").write_text(BROKEN, encoding="utf-8")
    # Buffered output, as users have it (unbuffered, a write into a closed pipe can end
    # short without an error, and the path under test would not run).
    env = {k: v for k, v in os.environ.items() if k not in (*ENV, "PYTHONUNBUFFERED")}
    process = subprocess.Popen(
        [sys.executable, "-m", "contractlint", "check", "--no-cache", *options],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert b"CL10" in first
    assert err == ""


# --- files the run writes, when they cannot be written ------------------------------


@pytest.mark.parametrize(
    "option", ["--output-file", "--write-baseline"], ids=["output-file", "write-baseline"]
)
def test_an_output_that_cannot_be_written_is_exit_code_2(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    no_gc_changes: None,
    option: str,
) -> None:
    (project / "a-file").write_text("", encoding="utf-8")  # a folder that cannot be made
    target = project / "a-file" / "out.txt"
    code, out, err = outcome("click", ["check", "--no-cache", option, str(target)], capsys)
    assert code == 2 and out == ""
    assert f"contractlint: cannot write {target}: " in err
    assert "Traceback" not in err and not target.exists()


def test_a_github_file_that_cannot_be_written_is_a_warning(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_gc_changes: None,
) -> None:
    missing = project / "no-such-folder"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(missing / "summary.md"))
    monkeypatch.setenv("GITHUB_OUTPUT", str(project / "outputs.txt"))
    code, out, err = outcome("quick", ["check", "--no-cache", "--format", "github"], capsys)
    assert code == 1  # the findings decide, as without the summary
    assert "::error file=broken.yaml" in out
    assert f"contractlint: cannot write {missing / 'summary.md'}" in err
    assert "errors=" in (project / "outputs.txt").read_text(encoding="utf-8")  # still written
