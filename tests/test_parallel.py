"""Linting in worker processes (``--jobs N``): the same report, in the same order, as in
one process, whatever happens to the workers.

The corpus is bench/corpus.py's: realistic files of the four kinds, one in five flawed,
plans and checklists referencing their team's contract. A spy on the start of the
forked workers proves that they really started (or did not), and a patched
``lint_file`` that records its process id proves that the files were linted in them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from contractlint.cli.commands import cli
from contractlint.config import Config
from contractlint.formatters import FORMATTERS
from contractlint.model import Document, Hit, RuleOptions
from contractlint.pipeline import engine
from contractlint.pipeline.discover import Target, discover
from contractlint.results import FileResult
from contractlint.rules import RULES
from contractlint.run import parallel
from contractlint.run.parallel import MIN_FILES_PER_JOB, lint_files

from conftest import TODAY, alive, children, cli_runner, make_config, write_corpus

REPO = Path(__file__).resolve().parent.parent
CORPUS_SIZE = 300  # several chunks per worker for 2 and 3 jobs, and under a second to lint
FORMATS = ("text", "full", "json", "sarif", "junit", "gitlab", "github")
assert set(FORMATS) == set(FORMATTERS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of CORPUS_SIZE generated files (its own git top level); never written to."""
    root = tmp_path_factory.mktemp("corpus")
    (root / ".git").mkdir()
    write_corpus(root, CORPUS_SIZE)
    return root


def targets_of(root: Path, config: Config) -> list[Target]:
    found = discover([str(root)], config.root, config.include, config.exclude, cwd=root)
    return list(found.targets)


@pytest.fixture(scope="module")
def config(corpus: Path) -> Config:
    return make_config(root=str(corpus))


@pytest.fixture(scope="module")
def targets(corpus: Path, config: Config) -> list[Target]:
    found = targets_of(corpus, config)
    assert len(found) == CORPUS_SIZE
    return found


@pytest.fixture(scope="module")
def serial(targets: list[Target], config: Config) -> list[FileResult]:
    """The results in one process, computed before any test patches anything (a module
    fixture is set up before the test's own fixtures and body)."""
    results = lint_files(targets, config, TODAY, 1)
    assert [r.path for r in results] == [t.display for t in targets]
    assert any(r.findings for r in results) and not all(r.findings for r in results)
    return results


_THREADED = parallel._threaded


@pytest.fixture(autouse=True)
def _forks_whatever_threads_other_tests_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about forked workers: a thread another test left running in this
    process must not turn them into spawned ones (one test below asks for that)."""
    monkeypatch.setattr(parallel, "_threaded", lambda: False)


class PoolSpy:
    """Wraps ``parallel._fork_workers``: records how many workers each run started,
    and their process ids."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sizes: list[int | None] = []
        self.pids: list[int] = []
        real = parallel._fork_workers

        def spy(jobs: int, *args: Any) -> list[Any]:
            self.sizes.append(jobs)
            workers = real(jobs, *args)
            self.pids += [worker.pid for worker in workers]
            return workers

        monkeypatch.setattr(parallel, "_fork_workers", spy)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> PoolSpy:
    return PoolSpy(monkeypatch)


def record_pids(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """``lint_file`` appends the id of the process it runs in to ``log``; forked workers
    inherit the patch."""
    original = engine.lint_file

    def recording(target: Target, *args: Any, **kwargs: Any) -> FileResult:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(target, *args, **kwargs)

    monkeypatch.setattr(engine, "lint_file", recording)


def pids(log: Path) -> list[int]:
    return [int(line) for line in log.read_text(encoding="utf-8").split()]


# --- the command line: the same bytes with any number of jobs ---------------------------


@pytest.fixture
def in_corpus(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in list(os.environ):
        if name.startswith("GITHUB_") or name in ("NO_COLOR", "CONTRACTLINT_OUTPUT_FORMAT"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(corpus)
    return corpus


def check(*args: str) -> Result:
    result = cli_runner().invoke(cli, ["check", "--no-cache", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize("output_format", FORMATS)
def test_the_report_is_the_same_with_one_two_or_three_jobs(
    in_corpus: Path, pools: PoolSpy, output_format: str
) -> None:
    runs = {jobs: check("--format", output_format, "--jobs", str(jobs)) for jobs in (1, 2, 3)}
    assert runs[1].exit_code == 1  # the corpus has errors
    assert runs[1].stdout.strip()
    for jobs in (2, 3):
        assert runs[jobs].stdout == runs[1].stdout, f"--jobs {jobs} differs from --jobs 1"
        assert runs[jobs].exit_code == runs[1].exit_code
    assert pools.sizes == [2, 3]  # one process for --jobs 1, real pools for 2 and 3


def test_the_report_is_the_same_in_a_real_process_with_any_jobs(corpus: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GITHUB_") and k not in ("NO_COLOR", "CONTRACTLINT_OUTPUT_FORMAT")
    }
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "contractlint", "check", "--no-cache", "--jobs", str(jobs)],
            cwd=corpus,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for jobs in (1, 2, 3)
    ]
    done = [(run.communicate(timeout=120), run.returncode) for run in runs]
    for (stdout, stderr), code in done:
        assert stderr == b"", stderr.decode()
        assert code == 1
        assert stdout == done[0][0][0]
    # Every file of the corpus is a contract; one in five is flawed (60 findings).
    assert done[0][0][0].splitlines()[-1] == (
        b"300 contracts in 300 files checked: 39 errors, 21 warnings; 3 fixable with `--fix`"
    )


def test_cache_hits_and_files_linted_in_workers_merge_in_order(
    in_corpus: Path, pools: PoolSpy, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every other file from the cache, the rest linted in workers: the report is the
    one of a run without a cache."""
    monkeypatch.delenv("CONTRACTLINT_NO_CACHE")
    expected = check("--jobs", "1", "--format", "json")
    cached = ("--cache-dir", str(tmp_path / "cache"))
    files = [p for p in in_corpus.glob("team-*/*") if p.suffix in (".yaml", ".json")]
    every_other = sorted(str(p.relative_to(in_corpus)) for p in files)[::2]
    assert len(every_other) == CORPUS_SIZE // 2
    runner = cli_runner()
    runner.invoke(cli, ["check", "--jobs", "1", *cached, *every_other])
    assert pools.sizes == []
    mixed = runner.invoke(cli, ["check", "--jobs", "2", "--format", "json", *cached])
    assert (mixed.stdout, mixed.exit_code) == (expected.stdout, expected.exit_code)
    assert pools.sizes == [2]  # the 150 misses went to workers


# --- lint_files: workers, order, threshold ---------------------------------------------


def test_workers_lint_the_files_and_the_order_is_kept(
    targets: list[Target],
    config: Config,
    serial: list[FileResult],
    pools: PoolSpy,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    log = tmp_path / "pids"
    record_pids(monkeypatch, log)
    assert lint_files(targets, config, TODAY, 2) == serial
    assert pools.sizes == [2]
    linted_in = pids(log)
    assert len(linted_in) == len(targets)  # each file once
    assert os.getpid() not in linted_in  # ... and none in this process


@pytest.mark.parametrize(
    ("count", "jobs", "pool"),
    [
        (2 * MIN_FILES_PER_JOB - 1, 8, None),  # below the threshold: one process
        (2 * MIN_FILES_PER_JOB, 8, 2),  # at it: two workers
        (3 * MIN_FILES_PER_JOB + 5, 8, 3),  # never more workers than MIN_FILES_PER_JOB allows
        (CORPUS_SIZE, 1, None),  # one job: one process
        (CORPUS_SIZE, 2, 2),
    ],
)
def test_a_pool_starts_only_when_there_are_enough_files(
    targets: list[Target],
    config: Config,
    serial: list[FileResult],
    pools: PoolSpy,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    count: int,
    jobs: int,
    pool: int | None,
) -> None:
    log = tmp_path / "pids"
    record_pids(monkeypatch, log)
    assert lint_files(targets[:count], config, TODAY, jobs) == serial[:count]
    assert pools.sizes == ([pool] if pool else [])
    if pool is None:
        assert set(pids(log)) == {os.getpid()}
    else:
        assert os.getpid() not in pids(log)


def test_the_cli_starts_no_pool_for_a_small_project(
    in_corpus: Path, pools: PoolSpy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(in_corpus / "team-000")  # 100 files, but pass fewer than 80
    names = sorted(os.listdir("."))[: 2 * MIN_FILES_PER_JOB - 1]
    result = check("--jobs", "8", *names)
    assert result.exit_code == 1
    assert pools.sizes == []


def test_chunks_cover_every_target_once_in_order() -> None:
    items = [Target(str(i), str(i)) for i in range(1000)]
    for count in (0, 1, 7, 8, 9, 80, 81, 255, 256, 999, 1000):
        for jobs in (1, 2, 3, 4, 16):
            chunks = parallel._chunks(items[:count], jobs)
            assert [t for chunk in chunks for t in chunk] == items[:count]
            assert all(chunks)


def test_default_jobs_is_at_least_one() -> None:
    assert parallel.default_jobs() >= 1


# --- workers that cannot start or that die ----------------------------------------------


def test_workers_that_cannot_start_fall_back_to_one_process(
    targets: list[Target],
    config: Config,
    serial: list[FileResult],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    def cannot(*args: Any) -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", cannot)
    log = tmp_path / "pids"
    record_pids(monkeypatch, log)
    assert lint_files(targets, config, TODAY, 3) == serial
    assert set(pids(log)) == {os.getpid()}


def test_a_second_worker_that_cannot_start_leaves_no_first_one_behind(
    targets: list[Target],
    config: Config,
    serial: list[FileResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real, started = os.fork, []

    def once() -> int:
        if started:
            raise OSError(11, "Resource temporarily unavailable")
        pid = real()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", once)
    before = sorted(os.listdir("/proc/self/fd"))
    assert lint_files(targets, config, TODAY, 2) == serial
    assert sorted(os.listdir("/proc/self/fd")) == before  # the pipes made for it, closed
    assert len(started) == 1
    with pytest.raises(ChildProcessError):  # killed and reaped: not a zombie, not running
        os.waitpid(started[0], os.WNOHANG)


def test_a_worker_that_dies_falls_back_to_one_process(
    targets: list[Target],
    config: Config,
    serial: list[FileResult],
    pools: PoolSpy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker killed mid-run (the OOM killer, a segfault) breaks the pool: the files
    are linted again here, and the results are complete and in order."""
    parent = os.getpid()
    original = engine.lint_file

    def dies_in_a_worker(target: Target, *args: Any, **kwargs: Any) -> FileResult:
        if os.getpid() != parent:
            os._exit(9)
        return original(target, *args, **kwargs)

    monkeypatch.setattr(engine, "lint_file", dies_in_a_worker)
    assert lint_files(targets, config, TODAY, 2) == serial
    assert pools.sizes == [2]  # the pool did start, then broke


def test_a_worker_that_dies_partway_leaves_its_chunks_to_this_process(
    targets: list[Target],
    config: Config,
    serial: list[FileResult],
    pools: PoolSpy,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """One worker dies on one file of the middle; the other goes on. What the dead one
    held is linted here once the others are done: complete, in order, each file
    reported once."""
    parent, fatal = os.getpid(), targets[len(targets) // 2].path
    log = tmp_path / "pids"
    record_pids(monkeypatch, log)
    recording = engine.lint_file

    def dies_on_one_file(target: Target, *args: Any, **kwargs: Any) -> FileResult:
        if os.getpid() != parent and target.path == fatal:
            os._exit(9)
        return recording(target, *args, **kwargs)

    monkeypatch.setattr(engine, "lint_file", dies_on_one_file)
    assert lint_files(targets, config, TODAY, 2) == serial
    linted_in = pids(log)
    assert linted_in.count(parent) < len(targets) // 4  # the dead worker's chunks, not all
    assert parent in linted_in


def test_an_interrupt_stops_and_reaps_the_workers(
    targets: list[Target], config: Config, pools: PoolSpy
) -> None:
    """Ctrl-C (here from the progress callback, in this process) kills the workers and
    waits for them before it unwinds: none is left running or a zombie."""

    def interrupted(done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        lint_files(targets, config, TODAY, 2, interrupted)
    assert len(pools.pids) == 2
    for pid in pools.pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_workers_leave_no_descriptor_open(
    targets: list[Target], config: Config, serial: list[FileResult], pools: PoolSpy
) -> None:
    before = sorted(os.listdir("/proc/self/fd"))
    assert lint_files(targets, config, TODAY, 3) == serial
    assert sorted(os.listdir("/proc/self/fd")) == before
    for pid in pools.pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_worker_holds_no_other_workers_pipe(
    targets: list[Target], config: Config, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each worker closes the ends of the pipes that are not its own: were a worker to
    keep another's open, that one would not see its pipe close when this process dies."""
    log, original = tmp_path / "fds", engine.lint_file

    def counting(target: Target, *args: Any, **kwargs: Any) -> FileResult:
        with open(log, "a", encoding="utf-8") as handle:  # counted before it is opened
            handle.write(f"{os.getpid()} {len(os.listdir('/proc/self/fd'))}\n")
        return original(target, *args, **kwargs)

    monkeypatch.setattr(engine, "lint_file", counting)
    lint_files(targets, config, TODAY, 3)
    held = {line.split()[0]: line.split()[1] for line in log.read_text().splitlines()}
    assert len(held) == 3 and len(set(held.values())) == 1, held


def test_ctrl_c_while_a_worker_is_forked_leaves_none_behind(
    targets: list[Target], config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C that lands here just as the second worker is forked (held until the
    worker is on the list) stops both: none left running, no pipe left open."""
    real, started = os.fork, []

    def fork() -> int:
        pid = real()
        if pid:
            started.append(pid)
            if len(started) == 2:
                os.kill(os.getpid(), signal.SIGINT)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    before = sorted(os.listdir("/proc/self/fd"))
    try:
        with pytest.raises(KeyboardInterrupt):
            lint_files(targets, config, TODAY, 3)
        assert len(started) == 2  # the third was never forked
        assert sorted(os.listdir("/proc/self/fd")) == before
        for pid in started:
            with pytest.raises(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
    finally:
        for pid in started:  # should a worker be left, do not leave it running
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


# A run of lint_files in a process of its own, on 2,000 stand-in files that each take
# `DELAY` seconds to lint (125 files a chunk): what a signal does to its workers.
_SLOW_RUN = """
import datetime, os, signal, sys, time
from contractlint import config
from contractlint.pipeline import engine
from contractlint.pipeline.discover import Target
from contractlint.results import FileResult
from contractlint.run import parallel

DELAY = float(sys.argv[2])

def slow(target, *args, **kwargs):
    time.sleep(DELAY)
    return FileResult(target.display, ())

engine.lint_file = slow
real, here = os.fork, os.getpid()

def fork():
    pid = real()
    if pid == 0 and sys.argv[3] == "signal-the-worker":
        os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C, sent to the whole group
    return pid

os.fork = fork
targets = [Target(f"/stand-in/{i}.yaml", f"{i}.yaml") for i in range(2000)]
try:
    results = parallel.lint_files(
        targets, config.load(isolated=True, cwd=sys.argv[1]), datetime.date(2026, 1, 1), 2
    )
    print("done" if os.getpid() == here else "a worker ran the caller's code", len(results))
except BaseException as exc:
    print("raised" if os.getpid() == here else "a worker ran the caller's code", type(exc))
sys.stdout.flush()
"""


def test_ctrl_c_in_a_new_worker_before_its_handlers_is_ignored(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the group: one that lands in a worker just
    forked, before it ignores SIGINT, is held until it does, and never unwinds
    through the caller's code in the worker."""
    run = subprocess.run(
        [sys.executable, "-c", _SLOW_RUN, str(tmp_path), "0", "signal-the-worker"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stdout == "done 2000\n", run.stdout + run.stderr


def test_workers_of_a_killed_parent_stop_within_a_file(tmp_path: Path) -> None:
    """A worker notices its parent is gone before each file, not only when it sends a
    chunk back (a chunk here takes 6 s)."""
    run = subprocess.Popen(
        [sys.executable, "-c", _SLOW_RUN, str(tmp_path), "0.05", "-"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 20
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = children(run.pid)
        time.sleep(0.02)
    assert len(workers) == 2
    run.kill()
    run.wait()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left


def test_a_process_with_other_threads_is_not_forked(
    targets: list[Target], config: Config, serial: list[FileResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program that calls ``api.lint(jobs=...)`` while it runs threads of its own gets
    new interpreters as workers: a fork would copy any lock another thread holds."""
    import threading

    def no_fork() -> int:
        raise AssertionError("forked a process that runs other threads")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(parallel, "_threaded", _THREADED)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert lint_files(targets, config, TODAY, 2) == serial
    finally:
        release.set()
        other.join()


def test_without_poll_a_pool_of_new_interpreters_lints_them(
    targets: list[Target], config: Config, serial: list[FileResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CPython leaves ``select.poll`` out where the platform's is broken: no fork then."""
    import select

    def no_fork() -> int:
        raise AssertionError("forked without poll() to read the workers")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.delattr(select, "poll")
    assert lint_files(targets, config, TODAY, 2) == serial


def test_without_fork_a_pool_of_new_interpreters_lints_them(
    targets: list[Target], config: Config, serial: list[FileResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where there is no fork (Windows), workers are new interpreters given the
    configuration: the same results."""
    monkeypatch.setattr(parallel, "FORK", False)
    assert lint_files(targets, config, TODAY, 2) == serial


def test_a_rule_that_crashes_in_a_worker_is_a_finding(
    targets: list[Target],
    config: Config,
    serial: list[FileResult],
    pools: PoolSpy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    victim = next(i for i, t in enumerate(targets) if t.display.endswith("ranking-001-3.yaml"))
    name = "ranking-001-3"
    rule = next(r for r in RULES if r.code == "CL101")
    original = rule.check
    assert original is not None

    def crashes_on_one_document(document: Document, options: RuleOptions) -> Iterator[Hit]:
        if document.value.get("name") == name:
            raise RuntimeError("boom in a worker")
        assert original is not None
        return original(document, options)

    patched = tuple(r._replace(check=crashes_on_one_document) if r is rule else r for r in RULES)
    monkeypatch.setattr(engine, "RULES", patched)  # forked workers inherit it

    results = lint_files(targets, config, TODAY, 2)
    assert pools.sizes == [2]
    assert results == lint_files(targets, config, TODAY, 1)
    crashed = [f for f in results[victim].findings if f.code == "CL000"]
    assert len(crashed) == 1
    assert "CL101" in crashed[0].message and "boom in a worker" in crashed[0].message
    others = [r for i, r in enumerate(results) if i != victim]
    assert others == [r for i, r in enumerate(serial) if i != victim]


# --- the option ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-1", "two", ""])
def test_jobs_must_be_a_positive_integer(in_corpus: Path, value: str) -> None:
    result = cli_runner().invoke(cli, ["check", "--no-cache", "--jobs", value])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr or "-j" in result.stderr
    assert result.stdout == ""


def test_short_option_j(in_corpus: Path, pools: PoolSpy) -> None:
    one = check("--jobs", "1", "--format", "json")
    two = check("-j", "2", "--format", "json")
    assert (two.stdout, two.exit_code) == (one.stdout, one.exit_code)
    assert pools.sizes == [2]


def test_without_jobs_one_job_per_core(
    in_corpus: Path, pools: PoolSpy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "default_jobs", lambda: 3)
    default = check("--format", "json")
    assert default.stdout == check("--jobs", "1", "--format", "json").stdout
    assert pools.sizes == [3]


def test_once_there_are_enough_candidates_the_workers_sniff_the_rest(
    targets: list[Target],
    config: Config,
    serial: list[FileResult],
    pools: PoolSpy,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """This process sniffs files until it has found enough candidates to start workers;
    the files left go to the workers unsniffed (the engine sniffs what it is given), so
    a folder of contracts is not read twice here first. The report is the same."""
    from contractlint.pipeline import sniff
    from contractlint.run import runner

    # A file without a contract among them: a worker settles it as this process would.
    outsider = tmp_path / "deploy.yaml"
    outsider.write_text("apiVersion: v1\nkind: Service\n", encoding="utf-8")
    extra = Target(str(outsider), "deploy.yaml")
    expected = runner.lint([*targets, extra], config, TODAY, jobs=1)
    assert expected.files[:-1] == tuple(serial)
    assert expected.files[-1] == FileResult("deploy.yaml", ())
    here = os.getpid()
    sniffed_here: list[str] = []
    read = sniff.read

    def counting(path: str, *args: Any) -> Any:
        if os.getpid() == here:
            sniffed_here.append(path)
        return read(path, *args)

    monkeypatch.setattr(sniff, "read", counting)
    report = runner.lint([*targets, extra], config, TODAY, jobs=2)
    assert report == expected
    assert pools.sizes == [2]
    assert len(sniffed_here) == 2 * MIN_FILES_PER_JOB  # of 301 files
