"""The result cache (``.contractlint_cache/``): reused only when nothing a result depends
on changed, and invisible otherwise.

Every CLI run is in-process (click's ``CliRunner``, ``--jobs 1``) in a temporary project
folder, so a test can make linting crash after a first run and prove that the second run
was served from the cache; the expected output is always that of a ``--no-cache`` run.
The autouse fixture of ``conftest.py`` turns the cache off for every test: the
``project`` fixture here turns it back on.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import Result

from contractlint.cli.commands import cli
from contractlint.config import Config
from contractlint.pipeline import engine, sniff
from contractlint.pipeline.discover import Target
from contractlint.results import FileResult
from contractlint.run import cache as cache_module
from contractlint.run import parallel
from contractlint.run.cache import CACHE_DIR, ENTRY_FIELDS, Cache
from contractlint.run.runner import lint

from conftest import cli_runner, make_config, write_corpus
from documents import CHECKLIST, EXPERIMENT, MODEL, PROBLEM, edit

REPO = Path(__file__).resolve().parent.parent

# A plan that references the model contract next to it. MODEL's `monitoring` names none
# of the plan's metrics: three CL605 metric-not-monitored warnings on the plan.
PLAN = EXPERIMENT.replace(
    "name: email-subject-personalization\n",
    "name: email-subject-personalization\ncontract: model.yaml\n",
)
assert PLAN != EXPERIMENT
# The same contract, monitoring every metric of the plan: no CL605.
MODEL_MONITORING_ALL = edit(
    MODEL, monitoring="[score_distribution, open_rate, unsubscribe_rate, spam_rate]"
)
# CL101 missing-fallback, CL105 missing-timeout and CL502 missing-model-version (errors;
# CL502 fixable): the exit code is 1.
BROKEN = edit(
    MODEL,
    name="broken-service",
    fallback=None,
    timeout_ms=None,
    response="{ranked_item_ids: [string], scores: [0.0]}",
)

FILES = {
    "model.yaml": MODEL,
    "broken.yaml": BROKEN,
    "plan.yaml": PLAN,
    "framing.yaml": PROBLEM,
    "checklist.yaml": CHECKLIST,
    # Two documents, and none: the cached document counts must be the file's own.
    "pair.yaml": MODEL.replace("ranking-service", "svc-a") + "---\n" + MODEL,
    "notes.md": "# Notes\n\nNothing to lint here.\n",
}
# The files a run lints when none is a cache hit: notes.md holds no `kind` of a contract,
# so stage sniff settles it (no finding) and it never reaches `parallel.lint_files`.
LINTED = sorted(name for name in FILES if name != "notes.md")

# Environment variables that change what the CLI prints; every run starts without them.
_NEUTRAL_ENV: dict[str, str | None] = {
    "NO_COLOR": None,
    "CONTRACTLINT_OUTPUT_FORMAT": None,
    "CONTRACTLINT_DEBUG": None,
    "GITHUB_ACTIONS": None,
    "CONTRACTLINT_CACHE_DIR": None,
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (its own git top level) that is the current folder, cache on."""
    monkeypatch.delenv("CONTRACTLINT_NO_CACHE")
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def check(*args: str, env: Mapping[str, str | None] | None = None) -> Result:
    """``contractlint check --jobs 1 ARGS`` in-process; never a traceback or internal error."""
    result = cli_runner().invoke(
        cli, ["check", "--jobs", "1", *args], env={**_NEUTRAL_ENV, **(env or {})}
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr, result.stderr
    return result


def same(result: Result, expected: Result) -> None:
    """The run printed exactly what ``expected`` printed, with the same exit code."""
    assert result.stdout == expected.stdout
    assert result.exit_code == expected.exit_code


def forbid_linting(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, linting any file crashes: only cache hits can produce a report."""

    def crash(*args: Any, **kwargs: Any) -> NoReturn:
        raise AssertionError("a file was linted although the cache holds its result")

    monkeypatch.setattr(parallel, "lint_files", crash)
    monkeypatch.setattr(parallel, "_serial", crash)
    monkeypatch.setattr(engine, "lint_file", crash)
    # A file that holds no contract is not even sniffed again: its result is a hit too.
    monkeypatch.setattr(sniff, "read", crash)


def spy_linting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, record the files linted (not served from the cache), as displayed."""
    linted: list[str] = []
    original = parallel.lint_files

    def spy(
        targets: Sequence[Target], config: Config, today: datetime.date, jobs: int, *more: Any
    ) -> list[FileResult]:
        linted.extend(target.display for target in targets)
        return original(targets, config, today, jobs, *more)

    monkeypatch.setattr(parallel, "lint_files", spy)
    return linted


def cache_files(folder: Path) -> list[Path]:
    """The cache's JSON files (one per run key), without temporary files."""
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))


def the_cache_file(folder: Path) -> Path:
    found = cache_files(folder)
    assert len(found) == 1, found
    return found[0]


def entries(folder: Path) -> dict[str, dict[str, Any]]:
    """The cache's entries by real path, each as a mapping of its fields (stored as an
    array, in the order of ``cache.ENTRY_FIELDS``)."""
    data = json.loads(the_cache_file(folder).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    found = data["entries"]
    assert all(len(entry) == len(ENTRY_FIELDS) for entry in found.values())
    return {path: dict(zip(ENTRY_FIELDS, entry)) for path, entry in found.items()}


def same_size(new: str, old: str) -> str:
    """``new`` padded with a trailing comment to the byte size of ``old``."""
    missing = len(old.encode()) - len(new.encode())
    assert missing >= 0, (new, old)
    if missing == 1:
        new += "\n"
    elif missing >= 2:
        new += "#" + "x" * (missing - 2) + "\n"
    assert len(new.encode()) == len(old.encode())
    return new


# --- a second run is served from the cache ------------------------------------------------


def test_the_project_reports_what_the_tests_assume(project: Path) -> None:
    write(project, FILES)
    result = check("--no-cache", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 7 and report["summary"]["documents"] == 7
    assert report["summary"]["contracts"] == 7  # pair.yaml holds two, notes.md none
    found = {(f["path"], f["code"]) for f in report["findings"]}
    assert found == {
        ("broken.yaml", "CL101"),
        ("broken.yaml", "CL105"),
        ("broken.yaml", "CL502"),
        ("plan.yaml", "CL605"),
    }
    assert "1 fixable with `--fix`" in check("--no-cache").stdout
    assert not (project / CACHE_DIR).exists()


def test_a_second_run_is_served_from_the_cache_with_identical_output(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, FILES)
    expected = {fmt: check("--no-cache", "--format", fmt) for fmt in ("text", "json")}
    assert expected["text"].exit_code == 1

    first = check("--format", "text")
    same(first, expected["text"])
    assert first.stderr == ""
    assert len(entries(project / CACHE_DIR)) == len(FILES)

    forbid_linting(monkeypatch)
    for fmt in ("text", "json", "text"):
        again = check("--format", fmt)
        same(again, expected[fmt])
        assert again.stderr == ""


def test_a_run_from_a_subfolder_shows_paths_from_there(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries are keyed by real path: run from elsewhere in the project, a hit shows the
    finding by the path as it is seen from the current folder."""
    write(project, {f"specs/{name}": text for name, text in FILES.items()})
    check()  # fills the cache from the project root
    monkeypatch.chdir(project / "specs")
    expected = check("--no-cache", ".")
    assert "broken.yaml:" in expected.stdout and "specs/" not in expected.stdout
    forbid_linting(monkeypatch)
    same(check("."), expected)


# --- a changed file is linted again, an unchanged one is not ------------------------------


@pytest.mark.parametrize("age", ["fresh", "old"])
def test_an_edit_of_the_same_size_and_mtime_is_noticed(
    project: Path, monkeypatch: pytest.MonkeyPatch, age: str
) -> None:
    """The stat shortcut must not hide a change: same size, mtime put back (`fresh`: read
    within the mtime's racy window; `old`: the shortcut's trusted case)."""
    write(project, FILES)
    path = project / "model.yaml"
    if age == "old":
        hour_ago = time.time_ns() - 3600 * 10**9
        os.utime(path, ns=(hour_ago, hour_ago))
    before = check()
    stat = path.stat()

    edited = same_size(MODEL.replace("feature_flag: ranking_fallback", "feature_flag: TBD"), MODEL)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert path.stat().st_mtime_ns == stat.st_mtime_ns

    expected = check("--no-cache")
    assert expected.stdout != before.stdout  # the edit changes the report
    linted = spy_linting(monkeypatch)
    same(check(), expected)
    assert "model.yaml" in linted
    assert "broken.yaml" not in linted and "framing.yaml" not in linted


@pytest.mark.parametrize("how", ["touch", "same-bytes", "new-inode"])
def test_an_unchanged_content_is_a_hit_whatever_its_stat(
    project: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    write(project, FILES)
    path = project / "broken.yaml"
    expected = check()
    assert "broken.yaml:" in expected.stdout
    time.sleep(0.01)
    if how == "touch":
        later = path.stat().st_mtime_ns + 5 * 10**9
        os.utime(path, ns=(later, later))
    elif how == "same-bytes":
        path.write_text(BROKEN, encoding="utf-8")
    else:
        copy = project / "copy.tmp"
        copy.write_text(BROKEN, encoding="utf-8")
        os.replace(copy, path)
    forbid_linting(monkeypatch)
    same(check(), expected)


def test_only_the_changed_file_is_linted_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, FILES)
    check()
    (project / "broken.yaml").write_text(MODEL.replace("ranking-service", "fixed"), "utf-8")
    (project / "new.yaml").write_text(BROKEN, encoding="utf-8")
    expected = check("--no-cache")
    linted = spy_linting(monkeypatch)
    same(check(), expected)
    assert sorted(linted) == ["broken.yaml", "new.yaml"]
    # ... and the next run has nothing left to lint.
    forbid_linting(monkeypatch)
    same(check(), expected)


def test_a_file_that_becomes_a_contract_is_linted_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file without a contract is cached as settled (no finding); once an edit gives it
    a `kind` of ours, that entry must not hide the contract."""
    write(project, FILES)
    before = check()
    assert "notes.md" not in before.stdout
    (project / "notes.md").write_text(f"---\n{BROKEN}---\n\n# Notes\n", encoding="utf-8")
    expected = check("--no-cache")
    assert "notes.md:" in expected.stdout  # BROKEN's findings, in the front matter
    linted = spy_linting(monkeypatch)
    same(check(), expected)
    assert linted == ["notes.md"]


# --- cross-file: a referenced file is part of the key --------------------------------------


def test_a_change_of_only_the_referenced_contract_changes_the_plan(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"model.yaml": MODEL, "plan.yaml": PLAN})
    first = check()
    assert first.stdout.count("plan.yaml:") == 3 and "CL605" in first.stdout

    (project / "model.yaml").write_text(MODEL_MONITORING_ALL, encoding="utf-8")
    expected = check("--no-cache")
    assert "CL605" not in expected.stdout
    linted = spy_linting(monkeypatch)
    same(check(), expected)
    assert sorted(linted) == ["model.yaml", "plan.yaml"]

    (project / "model.yaml").write_text(MODEL, encoding="utf-8")
    same(check(), first)


def test_a_referenced_file_that_appears_or_disappears_changes_the_plan(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"plan.yaml": PLAN})
    missing = check()
    assert missing.exit_code == 1
    assert "CL604" in missing.stdout and "model.yaml" in missing.stdout

    write(project, {"model.yaml": MODEL_MONITORING_ALL})
    expected = check("--no-cache")
    assert "CL604" not in expected.stdout and expected.exit_code == 0
    same(check(), expected)

    (project / "model.yaml").unlink()
    same(check(), missing)
    forbid_linting(monkeypatch)
    same(check(), missing)


def test_a_referenced_plan_that_changes_kind_changes_the_framing(project: Path) -> None:
    """``validation.online: plan.yaml`` (problem-framing -> experiment-plan) is a
    dependency too."""
    framing = edit(PROBLEM, validation="{offline: NDCG@5 on last month's logs, online: ab.yaml}")
    write(project, {"framing.yaml": framing, "ab.yaml": EXPERIMENT})
    clean = check("framing.yaml")
    assert "CL604" not in clean.stdout

    write(project, {"ab.yaml": MODEL})  # no longer an experiment plan
    expected = check("--no-cache", "framing.yaml")
    assert "CL604" in expected.stdout
    same(check("framing.yaml"), expected)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("good.yaml", "bad.yaml", id="inside-to-inside"),
        pytest.param("../outside/model.yaml", "good.yaml", id="outside-to-inside"),
        pytest.param("good.yaml", "../outside/model.yaml", id="inside-to-outside"),
    ],
)
def test_retargeting_a_referenced_symlink_changes_the_plan(
    project: Path, before: str, after: str
) -> None:
    """``contract: link.yaml``, and link.yaml a symlink: the plan depends on where the link
    leads, not only on the file it led to last time."""
    write(project, {"plan.yaml": PLAN.replace("contract: model.yaml", "contract: link.yaml")})
    write(project, {"good.yaml": MODEL_MONITORING_ALL, "bad.yaml": MODEL})
    write(project.parent, {"outside/model.yaml": MODEL_MONITORING_ALL})
    link = project / "link.yaml"
    link.symlink_to(before)
    first = check("plan.yaml")
    assert first.stdout == check("--no-cache", "plan.yaml").stdout

    link.unlink()
    link.symlink_to(after)
    expected = check("--no-cache", "plan.yaml")
    assert expected.stdout != first.stdout  # where the link leads changes the report
    same(check("plan.yaml"), expected)


# --- the configuration is part of the key -------------------------------------------------


@pytest.mark.parametrize(
    "config_text",
    [
        "ignore: [CL101]\n",
        "select: [CL6]\n",
        "severity: {CL605: error}\n",
        "experiment: {min_duration_days: 30}\n",
        "per-file-ignores: {'broken.yaml': [CL1]}\n",
        "placeholders: [ranking_fallback]\n",
    ],
)
def test_a_configuration_change_is_a_new_key(
    project: Path, monkeypatch: pytest.MonkeyPatch, config_text: str
) -> None:
    write(project, FILES)
    default = check()
    write(project, {".contractlint.yaml": config_text})
    expected = check("--no-cache")
    assert expected.stdout != default.stdout  # the configuration changes the report
    same(check(), expected)

    # Back to the default configuration: its entries are still there.
    (project / ".contractlint.yaml").unlink()
    forbid_linting(monkeypatch)
    same(check(), default)


@pytest.mark.parametrize(
    "options",
    [
        ("--ignore", "CL101"),
        ("--select", "CL605"),
        ("--select", "CL1", "--ignore", "missing-timeout"),
        ("--extend-select", "CL6", "--ignore", "CL6"),
    ],
)
def test_command_line_selection_is_part_of_the_key(
    project: Path, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]
) -> None:
    write(project, FILES)
    default = check()
    expected = check("--no-cache", *options)
    assert expected.stdout != default.stdout
    same(check(*options), expected)
    forbid_linting(monkeypatch)
    same(check(), default)
    same(check(*options), expected)


@pytest.mark.parametrize("part", ["__version__", "_code_fingerprint"])
def test_another_version_or_edited_code_is_a_new_key(
    project: Path, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    write(project, FILES)
    expected = check()
    if part == "__version__":
        monkeypatch.setattr(cache_module, "__version__", "999.0.0")
    else:
        monkeypatch.setattr(cache_module, "_code_fingerprint", lambda: "an edited checkout")
    linted = spy_linting(monkeypatch)
    same(check(), expected)
    assert sorted(linted) == LINTED
    assert len(cache_files(project / CACHE_DIR)) == 2


def test_fix_from_cached_findings_fixes_what_a_fresh_run_fixes(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh"
    (fresh / ".git").mkdir(parents=True)
    write(fresh, FILES)
    write(project, FILES)
    check()  # the findings --fix starts from come from the cache
    fixed = check("--fix")
    monkeypatch.chdir(fresh)
    expected = check("--no-cache", "--fix")
    same(fixed, expected)
    assert fixed.stderr == expected.stderr and "Fixed 1 finding" in fixed.stderr
    for name in FILES:
        assert (project / name).read_bytes() == (fresh / name).read_bytes()
    assert (project / "broken.yaml").read_text(encoding="utf-8") != BROKEN
    monkeypatch.chdir(project)
    same(check(), expected)  # the fixed file is linted again, not served stale


# --- where the cache lives, and when there is none -----------------------------------------


@pytest.mark.parametrize(
    "how",
    [("--no-cache",), ("--no-cache", "--cache-dir", "elsewhere"), ("env",)],
)
def test_no_cache_neither_reads_nor_writes(
    project: Path, monkeypatch: pytest.MonkeyPatch, how: tuple[str, ...]
) -> None:
    args: tuple[str, ...] = how
    env: dict[str, str | None] = {}
    if how == ("env",):
        args, env = (), {"CONTRACTLINT_NO_CACHE": "1"}
    write(project, FILES)
    fresh = check(*args, env=env)
    assert fresh.exit_code == 1
    assert not (project / CACHE_DIR).exists()
    assert not (project / "elsewhere").exists()

    cached = check()  # writes a cache: a run without it must not read it
    same(cached, fresh)
    cache_file = the_cache_file(project / CACHE_DIR)
    saved = cache_file.read_bytes(), cache_file.stat().st_mtime_ns
    linted = spy_linting(monkeypatch)
    same(check(*args, env=env), fresh)
    assert sorted(linted) == LINTED
    assert (cache_file.read_bytes(), cache_file.stat().st_mtime_ns) == saved


def test_no_cache_env_off_keeps_the_cache(project: Path) -> None:
    write(project, FILES)
    check(env={"CONTRACTLINT_NO_CACHE": "0"})
    assert cache_files(project / CACHE_DIR)


@pytest.mark.parametrize("how", ["option", "env"])
def test_cache_dir_puts_the_cache_there(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, how: str
) -> None:
    where = tmp_path / "shared" / "cache"
    args = ("--cache-dir", str(where)) if how == "option" else ()
    env = {"CONTRACTLINT_CACHE_DIR": str(where)} if how == "env" else {}
    write(project, FILES)
    expected = check("--no-cache")
    same(check(*args, env=env), expected)
    assert not (project / CACHE_DIR).exists()
    assert len(entries(where)) == len(FILES)
    assert (where / ".gitignore").is_file() and (where / "CACHEDIR.TAG").is_file()
    forbid_linting(monkeypatch)
    same(check(*args, env=env), expected)


def test_a_cache_dir_inside_the_project_is_not_linted(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, FILES)
    first = check("--cache-dir", "build/cache")
    assert cache_files(project / "build" / "cache")
    forbid_linting(monkeypatch)
    same(check("--cache-dir", "build/cache"), first)


def test_the_cache_folder_ignores_itself_and_is_tagged(project: Path) -> None:
    write(project, FILES)
    check()
    folder = project / CACHE_DIR
    ignore = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "*" in [line.strip() for line in ignore]
    tag = (folder / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert not list(folder.glob(".tmp-*"))


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=a@b", "-c", "user.name=a", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_does_not_see_the_cache(project: Path) -> None:
    shutil.rmtree(project / ".git")
    _git(project, "init", "-q", ".")
    write(project, FILES)
    _git(project, "add", "model.yaml")
    _git(project, "commit", "-q", "-m", "first")
    check()
    assert (project / CACHE_DIR).is_dir()
    status = _git(project, "status", "--porcelain", "--untracked-files=all")
    assert CACHE_DIR not in status
    assert "broken.yaml" in status  # untracked files are listed: the cache is not
    _git(project, "add", "--all")
    assert CACHE_DIR not in _git(project, "diff", "--cached", "--name-only")


# --- a broken cache is ignored --------------------------------------------------------------


def _json_edit(change: Callable[[dict[str, Any]], Any]) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        loaded = json.loads(data)
        replaced = change(loaded)
        return json.dumps(loaded if replaced is None else replaced).encode()

    return apply


def _each_entry(change: Callable[[list[Any]], Any]) -> Callable[[bytes], bytes]:
    def on_entries(data: dict[str, Any]) -> None:
        for key, entry in list(data["entries"].items()):
            replaced = change(entry)
            if replaced is not None:
                data["entries"][key] = replaced

    return _json_edit(on_entries)


FIELD = {name: index for index, name in enumerate(ENTRY_FIELDS)}
FINDINGS = FIELD["findings"]


def _drop(key: str) -> Callable[[list[Any]], None]:
    def change(entry: list[Any]) -> None:
        del entry[FIELD[key]]

    return change


def _set(key: str, value: Any) -> Callable[[list[Any]], None]:
    def change(entry: list[Any]) -> None:
        entry[FIELD[key]] = value

    return change


def _short_rows(entry: list[Any]) -> None:
    entry[FINDINGS] = [row[:3] for row in entry[FINDINGS]] or [[1]]


def _bad_severity(entry: list[Any]) -> None:
    entry[FINDINGS] = [[*row[:6], "fatal", *row[7:]] for row in entry[FINDINGS]] or [[1]]


CORRUPTIONS = [
    pytest.param(lambda data: b"\x00\xff\xfe\x80 not json \xc3", id="garbage-bytes"),
    pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
    pytest.param(lambda data: b"", id="empty"),
    pytest.param(lambda data: b"[1, 2, 3]", id="a-list"),
    pytest.param(lambda data: b"null", id="null"),
    pytest.param(lambda data: b'{"entries": [1, 2]}', id="entries-a-list"),
    pytest.param(lambda data: b'{"entries": "x"}', id="entries-a-string"),
    pytest.param(_each_entry(lambda entry: None), id="unchanged-control"),
    *(pytest.param(_each_entry(_drop(key)), id=f"no-{key}") for key in ("sha", "stat", "read")),
    *(
        pytest.param(_each_entry(_drop(key)), id=f"no-{key}")
        for key in ("dated", "today", "deps", "documents", "findings")
    ),
    pytest.param(_each_entry(_set("stat", "x")), id="stat-a-string"),
    pytest.param(_each_entry(_set("read", "x")), id="read-a-string"),
    pytest.param(_each_entry(_set("sha", 5)), id="sha-a-number"),
    pytest.param(_each_entry(_set("documents", "many")), id="documents-a-word"),
    pytest.param(_each_entry(_set("findings", None)), id="findings-null"),
    pytest.param(_each_entry(_set("findings", [7])), id="findings-rows-numbers"),
    pytest.param(_each_entry(_short_rows), id="findings-rows-short"),
    pytest.param(_each_entry(_bad_severity), id="findings-bad-severity"),
    pytest.param(_each_entry(_set("deps", {"/nowhere.yaml": 5})), id="deps-bad-digest"),
    pytest.param(
        _each_entry(lambda entry: 7),
        id="entry-a-number",
    ),
    pytest.param(
        _each_entry(lambda entry: ["sha", "stat"]),
        id="entry-a-list",
    ),
    pytest.param(
        _each_entry(_set("deps", ["model.yaml"])),
        id="deps-a-list",
    ),
    pytest.param(
        _each_entry(_set("deps", None)),
        id="deps-null",
    ),
    pytest.param(_each_entry(_set("stat", [1, 2])), id="stat-too-short"),
    pytest.param(_each_entry(_set("today", 5)), id="today-a-number"),
    pytest.param(_each_entry(lambda entry: [*entry, "more"]), id="entry-too-long"),
    pytest.param(
        _each_entry(lambda entry: dict(zip(ENTRY_FIELDS, entry))),
        id="entry-an-object",  # the layout of an older contractlint
    ),
]


def test_a_file_of_another_run_key_with_the_same_name_is_not_used(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are named by a CRC of the run key; two keys whose CRCs collide share a
    name, and the key inside the file tells them apart."""
    write(project, FILES)
    monkeypatch.setattr(cache_module, "key_file", lambda key: "collision.json")
    narrow = check("--select", "CL1")  # one configuration fills collision.json
    expected = check("--no-cache")
    assert narrow.stdout != expected.stdout
    linted = spy_linting(monkeypatch)
    same(check(), expected)  # another configuration: its own results, linted again
    assert sorted(linted) == LINTED
    assert [p.name for p in cache_files(project / CACHE_DIR)] == ["collision.json"]


@pytest.mark.parametrize("corrupt", CORRUPTIONS)
def test_a_corrupt_cache_file_is_ignored(project: Path, corrupt: Callable[[bytes], bytes]) -> None:
    write(project, FILES)
    expected = check("--no-cache")
    assert expected.exit_code == 1
    same(check(), expected)
    cache_file = the_cache_file(project / CACHE_DIR)
    cache_file.write_bytes(corrupt(cache_file.read_bytes()))

    again = check()
    same(again, expected)
    assert again.stderr == ""
    same(check(), expected)  # and whatever it wrote back is readable too


def test_a_cache_file_that_is_a_folder_is_ignored(project: Path) -> None:
    write(project, FILES)
    expected = check("--no-cache")
    check()
    cache_file = the_cache_file(project / CACHE_DIR)
    cache_file.unlink()
    cache_file.mkdir()
    again = check()
    same(again, expected)
    assert "--no-cache" in again.stderr  # it cannot be written either: one warning


# --- a cache that cannot be written ---------------------------------------------------------


@pytest.mark.parametrize("where", ["below-a-file", "root-cache-is-a-file"])
def test_an_unwritable_cache_warns_once_and_changes_nothing(project: Path, where: str) -> None:
    write(project, FILES)
    expected = check("--no-cache")
    assert expected.exit_code == 1
    if where == "below-a-file":
        (project / "blocker").write_text("a file, not a folder\n", encoding="utf-8")
        args: tuple[str, ...] = ("--cache-dir", str(project / "blocker" / "cache"))
    else:
        (project / CACHE_DIR).write_text("a file, not a folder\n", encoding="utf-8")
        args = ()
    for fmt in ("text", "json"):
        result = check("--format", fmt, *args)
        assert result.stdout == check("--no-cache", "--format", fmt).stdout
        assert result.exit_code == expected.exit_code
        warnings = result.stderr.strip().splitlines()
        assert len(warnings) == 1, result.stderr
        assert "cache" in warnings[0] and "--no-cache" in warnings[0]
        assert "warning" in warnings[0]


# --- suppressions that expire: the day is part of the key -----------------------------------

DATED = MODEL.replace(
    "fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}",
    "# contractlint: disable=missing-fallback until=2026-12-31 -- ships with v2\nfallback: TBD",
)
assert DATED != MODEL


def _run(root: Path, config: Config, day: datetime.date) -> dict[str, list[str]]:
    targets = [Target(str(root / name), name) for name in ("dated.yaml", "plain.yaml")]
    cache = Cache.open(str(root), config)
    report = lint(targets, config, today=day, cache=cache)
    assert cache.save() is None
    return {result.path: [f.code for f in result.findings] for result in report.files}


def test_an_expiring_suppression_is_linted_again_on_a_later_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"dated.yaml": DATED, "plain.yaml": BROKEN})
    config = make_config(root=str(tmp_path))
    before, after = datetime.date(2026, 12, 1), datetime.date(2027, 1, 2)

    suppressed = _run(tmp_path, config, before)
    assert suppressed == {"dated.yaml": [], "plain.yaml": ["CL101", "CL105", "CL502"]}
    entry = entries(tmp_path / CACHE_DIR)[os.path.realpath(tmp_path / "dated.yaml")]
    assert entry["dated"] is True

    with monkeypatch.context() as patch:
        forbid_linting(patch)
        assert _run(tmp_path, config, before) == suppressed  # same day: a hit

    linted = spy_linting(monkeypatch)
    expired = _run(tmp_path, config, after)
    assert sorted(expired["dated.yaml"]) == ["CL010", "CL101"]
    assert expired["plain.yaml"] == suppressed["plain.yaml"]
    assert linted == ["dated.yaml"]  # a file without `until=` does not depend on the day

    assert _run(tmp_path, config, before) == suppressed  # and back: the day decides


# --- two runs at once -----------------------------------------------------------------------


def _concurrent_runs(project: Path, logs: Path, watch: Path | None) -> list[bytes]:
    """Two ``contractlint check --format json`` processes at once; while they run, every
    read of ``watch`` (the cache file) must find a whole JSON document."""
    env = {k: v for k, v in os.environ.items() if k not in _NEUTRAL_ENV}
    env.pop("CONTRACTLINT_NO_CACHE", None)
    command = [sys.executable, "-m", "contractlint", "check", "--format", "json"]
    outs = [logs / f"out-{i}.json" for i in range(2)]
    errs = [logs / f"err-{i}.txt" for i in range(2)]
    runs = []
    for out, err in zip(outs, errs):
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            runs.append(
                subprocess.Popen(command, cwd=project, env=env, stdout=stdout, stderr=stderr)
            )
    deadline = time.monotonic() + 120
    while any(run.poll() is None for run in runs):
        assert time.monotonic() < deadline, "the runs did not finish"
        if watch is not None:
            data = json.loads(watch.read_bytes())  # never a torn file
            assert isinstance(data, dict) and isinstance(data["entries"], dict)
    for run, err in zip(runs, errs):
        assert err.read_bytes() == b""
        assert run.wait() == 1
    return [out.read_bytes() for out in outs]


def test_two_concurrent_runs_share_the_cache_without_corrupting_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths = write_corpus(project, 48)
    folder = project / CACHE_DIR
    expected = check("--no-cache", "--format", "json")
    assert expected.exit_code == 1

    # Both start without a cache, both write one.
    outputs = _concurrent_runs(project, tmp_path, None)
    assert outputs == [expected.stdout.encode()] * 2
    cache_file = the_cache_file(folder)
    assert sorted(entries(folder)) == sorted(os.path.realpath(p) for p in paths)

    # Every file changed: both lint again and replace the cache while the other reads it.
    for path in paths:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("# reviewed again\n")
    expected = check("--no-cache", "--format", "json")
    outputs = _concurrent_runs(project, tmp_path, cache_file)
    assert outputs == [expected.stdout.encode()] * 2
    assert the_cache_file(folder) == cache_file
    assert sorted(entries(folder)) == sorted(os.path.realpath(p) for p in paths)
    assert not list(folder.glob(".tmp-*"))

    # A third run is served from what they left.
    forbid_linting(monkeypatch)
    same(check("--format", "json"), expected)


# --- entries of files that are gone ---------------------------------------------------------


def test_entries_of_deleted_files_are_dropped_on_the_next_save(project: Path) -> None:
    write(project, FILES)
    check()
    folder = project / CACHE_DIR
    real = {name: os.path.realpath(project / name) for name in FILES}
    assert sorted(entries(folder)) == sorted(real.values())

    (project / "checklist.yaml").unlink()
    (project / "broken.yaml").write_text(MODEL.replace("ranking-service", "fixed"), "utf-8")
    check()
    assert sorted(entries(folder)) == sorted(v for k, v in real.items() if k != "checklist.yaml")


def test_entries_of_files_not_linted_this_time_are_kept(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, FILES)
    expected = check()
    (project / "broken.yaml").write_text(MODEL.replace("ranking-service", "fixed"), "utf-8")
    check("broken.yaml")  # saves, with only broken.yaml seen
    assert sorted(entries(project / CACHE_DIR)) == sorted(
        os.path.realpath(project / name) for name in FILES
    )
    (project / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    linted = spy_linting(monkeypatch)
    same(check(), expected)
    assert linted == ["broken.yaml"]
