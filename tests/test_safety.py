"""Safety under hostile files and a hostile CI (issue 14), each through the CLI as a user
or a CI job runs it: devices and FIFOs, symlinks out of the project, a git ref that
looks like an option, a full disk, a config above the repository, ownership and hard
links under --fix, limits at their maximum, a killed parent, signals, closed outputs.
docs/safety.md lists each guarantee with the test that holds it."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractlint import atomic
from contractlint.config import LIMIT_MAXIMUMS
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file

from conftest import TODAY, alive, children, make_config

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = (ROOT / "examples" / "model-contract" / "complete.yaml").read_text()
# One fixable finding (CL505: rename `timeouts_ms`), nothing else.
FIXABLE = COMPLETE.replace("timeout_ms:", "timeouts_ms:")
FIXED = COMPLETE


def cli(
    folder: Path, *args: str, timeout: float = 60, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONTRACTLINT_NO_CACHE": "1", "NO_COLOR": "1"}
    env.pop("CONTRACTLINT_CACHE_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "contractlint", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".contractlint.yaml").write_text("{}\n")
    return project


def codes(run: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return [(f["path"], f["code"]) for f in json.loads(run.stdout)["findings"]]


# 1. FIFOs and devices ----------------------------------------------------------------


def test_a_fifo_or_a_device_never_hangs_the_run(repo: Path) -> None:
    os.mkfifo(repo / "pipe.yaml")
    (repo / "zero.yaml").symlink_to("/dev/zero")
    (repo / "c.yaml").write_text(FIXABLE)
    walked = cli(repo, "check", "--format", "json", ".", timeout=30)
    assert codes(walked) == [("c.yaml", "CL505")]
    named = cli(repo, "check", "--format", "json", "pipe.yaml", "zero.yaml", timeout=30)
    found = json.loads(named.stdout)["findings"]
    assert [(f["path"], f["code"]) for f in found] == [
        ("pipe.yaml", "CL006"),
        ("zero.yaml", "CL006"),
    ]
    assert all("not a regular file" in f["message"] for f in found)


@pytest.mark.parametrize("old", ["pipe.yaml", "/dev/zero"])
def test_diff_refuses_a_fifo_or_a_device(repo: Path, old: str) -> None:
    os.mkfifo(repo / "pipe.yaml")
    (repo / "c.yaml").write_text(COMPLETE)
    run = cli(repo, "diff", old, "c.yaml", timeout=30)
    assert run.returncode == 2 and "not a regular file" in run.stderr


def test_a_baseline_that_is_a_device_or_nested_too_deep(repo: Path, tmp_path: Path) -> None:
    (repo / "c.yaml").write_text(COMPLETE)
    zero = cli(repo, "check", "--baseline", "/dev/zero", ".", timeout=30)
    assert zero.returncode == 2 and "not a regular file" in zero.stderr
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    nested = cli(repo, "check", "--baseline", str(deep), ".")
    assert nested.returncode == 2 and "nested too deeply" in nested.stderr
    assert "Traceback" not in nested.stderr


# 2. Symlinks out of the project ------------------------------------------------------


def test_fix_never_writes_through_a_symlink_out_of_the_project(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim.yaml"
    victim.write_text(FIXABLE)
    (repo / "innocent.yaml").symlink_to(victim)
    walked = cli(repo, "check", "--fix", "--format", "json", ".")
    assert codes(walked) == []  # not walked: it leads out of the project
    named = cli(repo, "check", "--fix", "--format", "json", "innocent.yaml")
    assert "innocent.yaml: not fixed: it is a symlink to" in named.stderr
    assert victim.read_text() == FIXABLE
    assert codes(named) == [("innocent.yaml", "CL505")]  # read, reported, not written


def test_a_symlink_inside_the_project_is_fixed_and_stays_a_link(repo: Path) -> None:
    (repo / "real.yaml").write_text(FIXABLE)
    (repo / "link.yaml").symlink_to("real.yaml")
    cli(repo, "check", "--fix", "link.yaml")
    assert (repo / "link.yaml").is_symlink() and (repo / "real.yaml").read_text() == FIXED


# 3. A ref is a ref ---------------------------------------------------------------------


def test_diff_base_never_passes_an_option_to_git(repo: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "commit", "-q", "--allow-empty", "-m", "x"],
        check=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "a",
            "GIT_AUTHOR_EMAIL": "a@b",
            "GIT_COMMITTER_NAME": "a",
            "GIT_COMMITTER_EMAIL": "a@b",
        },
    )
    target = tmp_path / "clobbered"
    run = cli(repo, "diff", "--base", f"--output={target}")
    assert run.returncode == 2 and "is not a git revision" in run.stderr
    assert not target.exists()
    assert cli(repo, "diff", "--base", "no-such-ref").returncode == 2


def test_diff_base_on_a_first_commit_has_nothing_to_compare(repo: Path) -> None:
    (repo / "c.yaml").write_text(COMPLETE)
    run = cli(repo, "diff", "--base", "HEAD")
    assert run.returncode == 0
    assert run.stderr.strip().splitlines() == [
        "contractlint: no base revision yet (`HEAD`: the repository has no commit), so there "
        "is nothing to compare"
    ]


def test_diff_base_outside_a_repository_is_one_clear_error(tmp_path: Path) -> None:
    run = cli(tmp_path, "diff", "--base", "HEAD")
    assert run.returncode == 2 and "not inside a git repository" in run.stderr
    assert len(run.stderr.splitlines()) < 5


# 4. Whole files or none ----------------------------------------------------------------


def _small_disk() -> None:
    """In the child: writes past 64 KiB fail with EFBIG, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.parametrize("option", ["--write-baseline", "--output-file"])
def test_a_failed_write_leaves_the_previous_file_whole(repo: Path, option: str) -> None:
    for index in range(60):  # enough findings for a report well over 64 KiB
        (repo / f"c{index}.yaml").write_text("kind: model-contract\nname: x\n")
    previous = '{"version": 1, "entries": []}\n'
    (repo / "out.json").write_text(previous)
    run = cli(repo, "check", "--format", "json", option, "out.json", ".", preexec_fn=_small_disk)
    assert run.returncode == 2 and "cannot write out.json" in run.stderr
    assert (repo / "out.json").read_text() == previous
    assert [p.name for p in repo.iterdir() if atomic.temporary_name(p.name)] == []


# 5. A config above the repository ------------------------------------------------------


def test_a_config_above_the_repository_is_not_used(tmp_path: Path, repo: Path) -> None:
    (repo / ".contractlint.yaml").unlink()
    (tmp_path / ".contractlint.yaml").write_text("ignore: [CL]\n")
    (repo / "c.yaml").write_text(FIXABLE)
    run = cli(repo, "check", "--format", "json", ".")
    assert codes(run) == [("c.yaml", "CL505")]
    described = cli(repo, "config", "--format", "json")
    assert json.loads(described.stdout)["root"] == str(repo.resolve())
    named = cli(repo, "check", "--config", str(tmp_path / ".contractlint.yaml"), ".")
    assert named.returncode == 0 and "CL505" not in named.stdout


# 6. Owner, group, mode, hard links, read-only ------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")
def test_fix_keeps_owner_group_and_mode(repo: Path) -> None:
    path = repo / "c.yaml"
    path.write_text(FIXABLE)
    os.chown(path, 1234, 5678)
    os.chmod(path, 0o640)
    cli(repo, "check", "--fix", "c.yaml")
    info = path.stat()
    assert path.read_text() == FIXED
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (1234, 5678, 0o640)


def test_fix_refuses_a_hard_linked_file(repo: Path) -> None:
    path = repo / "c.yaml"
    path.write_text(FIXABLE)
    os.link(path, repo / "twin.yaml")
    run = cli(repo, "check", "--fix", "c.yaml")
    assert "c.yaml: not fixed: the file has 2 hard links" in run.stderr
    assert path.read_text() == FIXABLE and path.stat().st_nlink == 2


def test_fix_reports_a_read_only_file_and_leaves_it(repo: Path) -> None:
    path = repo / "c.yaml"
    path.write_text(FIXABLE)
    path.chmod(0o444)
    run = cli(repo, "check", "--fix", "c.yaml")
    assert "c.yaml: not fixed: the file is read-only" in run.stderr
    assert path.read_text() == FIXABLE and path.stat().st_mode & 0o777 == 0o444


def test_a_fix_that_cannot_be_written_stops_nothing_else(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that is not writable (the fix's new file cannot be made beside the old
    one): that file is left whole and reported; the other files are fixed (SPEC 7).
    In-process, since root may write anywhere: the folder refuses as it would."""
    import tempfile

    from contractlint.cli.commands import cli as main

    from conftest import cli_runner

    for folder in ("locked", "open"):
        (repo / folder).mkdir()
        (repo / folder / "c.yaml").write_text(FIXABLE)
    real = tempfile.mkstemp

    def refusing(*args: object, **kwargs: object) -> tuple[int, str]:
        if str(kwargs.get("dir", "")).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", refusing)
    monkeypatch.chdir(repo)
    args = ["check", "--no-cache", "--fix", "--fail-on", "info", "locked", "open"]
    result = cli_runner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "locked/c.yaml: not fixed: its folder is not writable" in result.stderr
    assert (repo / "locked" / "c.yaml").read_text() == FIXABLE
    assert (repo / "open" / "c.yaml").read_text() == FIXED
    assert "locked/c.yaml:" in result.stdout and "CL505" in result.stdout


def test_a_report_file_in_a_new_folder_is_written(repo: Path) -> None:
    (repo / "c.yaml").write_text(FIXABLE)
    run = cli(repo, "check", "--format", "sarif", "-o", "reports/ci/x.sarif", "c.yaml")
    assert run.returncode == 0, run.stderr
    assert json.loads((repo / "reports" / "ci" / "x.sarif").read_text())["version"] == "2.1.0"


# 7. Limits at their maximum --------------------------------------------------------------


def test_a_limit_past_its_maximum_is_a_config_error(repo: Path) -> None:
    for key, maximum in LIMIT_MAXIMUMS.items():
        (repo / ".contractlint.yaml").write_text(f"{key}: {maximum + 1}\n")
        run = cli(repo, "check", ".")
        assert run.returncode == 2 and f"`{key}`" in run.stderr and f"{maximum:,}" in run.stderr


def _nested_yaml(levels: int) -> str:
    body = "".join("  " * index + "f:\n" for index in range(1, levels - 1))
    return f"kind: model-contract\nname: x\nrequest:\n{body}{'  ' * (levels - 1)}leaf: string\n"


def _nested_json(levels: int) -> str:
    inner: object = {"leaf": "string"}
    for _ in range(levels - 2):
        inner = {"f": inner}
    return json.dumps({"kind": "model-contract", "name": "x", "request": inner})


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_nesting_at_the_maximum_depth_is_linted_without_a_crash(repo: Path, offset: int) -> None:
    maximum = LIMIT_MAXIMUMS["max-depth"]
    (repo / ".contractlint.yaml").write_text(f"max-depth: {maximum}\n")
    (repo / "deep.yaml").write_text(_nested_yaml(maximum + offset))
    (repo / "deep.json").write_text(_nested_json(maximum + offset))
    (repo / "c.yaml").write_text(FIXABLE)
    run = cli(repo, "check", "--format", "json", ".")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    found = codes(run)
    assert ("c.yaml", "CL505") in found  # the other file is still linted
    too_deep = {path for path, code in found if code == "CL007"}
    assert too_deep == ({"deep.yaml", "deep.json"} if offset > 0 else set())


def test_an_alias_bomb_at_the_maximum_alias_limit_ends(repo: Path) -> None:
    (repo / ".contractlint.yaml").write_text(
        f"max-alias-nodes: {LIMIT_MAXIMUMS['max-alias-nodes']}\n"
    )
    lines = ["kind: model-contract", "name: x", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    (repo / "bomb.yaml").write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    run = cli(repo, "check", "--format", "json", "bomb.yaml", timeout=120)
    assert ("bomb.yaml", "CL007") in codes(run)
    assert time.monotonic() - started < 60


# 8. Workers never outlive their parent -----------------------------------------------


def test_workers_exit_when_their_parent_is_killed(repo: Path) -> None:
    for index in range(400):
        (repo / f"c{index}.yaml").write_text(FIXABLE)
    env = {**os.environ, "CONTRACTLINT_NO_CACHE": "1"}
    parent = subprocess.Popen(
        [sys.executable, "-m", "contractlint", "check", "-j", "2", "."],
        cwd=repo,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 20
    while not workers and time.monotonic() < deadline and parent.poll() is None:
        workers = children(parent.pid)
        time.sleep(0.02)
    if not workers:
        parent.wait()
        pytest.skip("the run ended before its workers could be seen")
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)


def _wait_for_workers(process: subprocess.Popen[str]) -> None:
    """Until the run has started its workers (it is mid-run), or skip if it ended."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        if children(process.pid):
            return
        time.sleep(0.01)
    process.communicate()
    pytest.skip("the run ended before it could be interrupted")


# 9. Temporary files ----------------------------------------------------------------------


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(FIXABLE)

    def interrupt(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(str(path), b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["c.yaml"]
    assert path.read_text() == FIXABLE


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    old = tmp_path / ".c.yaml.contractlint-abcd1234.tmp"
    fresh = tmp_path / ".d.yaml.contractlint-efgh5678.tmp"
    for leftover in (old, fresh):
        leftover.write_text("half")
    hour_ago = time.time() - atomic.STALE_AFTER_S - 60
    os.utime(old, (hour_ago, hour_ago))
    atomic.write_atomic(str(tmp_path / "c.yaml"), b"x")
    assert not old.exists() and fresh.exists()  # a live write may own the fresh one


def test_sigterm_during_a_run_exits_cleanly(repo: Path) -> None:
    code, stderr = _interrupted_run(repo, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM and "Traceback" not in stderr


def _interrupted_run(repo: Path, signum: int) -> tuple[int, str]:
    """A long `check -j 2` that gets ``signum`` once its workers run: exit code, stderr."""
    for index in range(1500):
        (repo / f"c{index}.yaml").write_text(FIXABLE)
    process = subprocess.Popen(
        [sys.executable, "-m", "contractlint", "check", "-j", "2", "."],
        cwd=repo,
        env={**os.environ, "CONTRACTLINT_NO_CACHE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_workers(process)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    return process.returncode, stderr


# 10. The cache repairs its own markers -------------------------------------------------


def test_an_empty_cache_gitignore_is_repaired(repo: Path) -> None:
    (repo / "c.yaml").write_text(COMPLETE)
    env_run = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "."],
        cwd=repo,
        env={k: v for k, v in os.environ.items() if not k.startswith("CONTRACTLINT_")},
        capture_output=True,
        check=False,
    )
    assert env_run.returncode == 0
    marker = repo / ".contractlint_cache" / ".gitignore"
    marker.write_text("")
    (repo / "c.yaml").write_text(COMPLETE + "# changed\n")  # so the cache is written again
    subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "."],
        cwd=repo,
        env={k: v for k, v in os.environ.items() if not k.startswith("CONTRACTLINT_")},
        capture_output=True,
        check=False,
    )
    assert marker.read_text().splitlines()[-1] == "*"


# 11. Diagnostics ---------------------------------------------------------------------------


def test_a_full_stdout_is_an_output_error(repo: Path) -> None:
    (repo / "c.yaml").write_text(FIXABLE)
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "contractlint", "check", "."],
            cwd=repo,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CONTRACTLINT_NO_CACHE": "1"},
            check=False,
        )
    assert run.returncode == 2
    assert run.stderr.strip() == "contractlint: cannot write the report: No space left on device"


def test_a_closed_stdout_is_an_output_error(repo: Path) -> None:
    (repo / "c.yaml").write_text(FIXABLE)
    run = subprocess.run(
        f"{sys.executable} -m contractlint check . >&-",
        shell=True,
        cwd=repo,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CONTRACTLINT_NO_CACHE": "1"},
        check=False,
    )
    assert run.returncode == 2
    assert "cannot write the report: standard output is closed" in run.stderr


def test_ctrl_c_is_130_without_a_traceback(repo: Path) -> None:
    code, stderr = _interrupted_run(repo, signal.SIGINT)
    assert code == 130
    assert "Traceback" not in stderr and stderr.strip().endswith("Aborted!")


def test_a_utf16_contract_names_its_encoding(repo: Path) -> None:
    (repo / "c.yaml").write_bytes(COMPLETE.encode("utf-16"))
    run = cli(repo, "check", "--format", "json", ".")
    (finding,) = json.loads(run.stdout)["findings"]
    assert finding["code"] == "CL006" and "UTF-16" in finding["message"]


def test_diff_base_does_not_read_an_old_blob_over_the_size_limit(repo: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@b",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@b",
    }
    (repo / "c.yaml").write_text(COMPLETE + "#" + "x" * 5000 + "\n")
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", "x"], check=True, env=env)
    (repo / "c.yaml").write_text(COMPLETE)
    (repo / ".contractlint.yaml").write_text("max-file-size: 4096\n")
    run = cli(repo, "diff", "--base", "HEAD")
    # That file's problem (CL006), not the run's: the other files are still compared.
    assert run.returncode == 1 and "over the size limit of 4,096 bytes" in run.stdout
    assert "c.yaml:1:1: CL006 [error] cannot compare it: its version at" in run.stdout


# Fuzzing with every limit at its maximum ---------------------------------------------

_fragments = st.sampled_from(
    [
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "- ",
        ": ",
        "\n",
        "  ",
        "x",
        "!!python/name:x ",
        "'",
        '"',
        "? ",
        "|\n",
        ">\n",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "<<: *a\n",
        "\t",
        "\r",
        "#",
        ",",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    opening=st.sampled_from(["[", "{a: ", "- "]),
    depth=st.integers(0, LIMIT_MAXIMUMS["max-depth"] + 8),
    body=st.lists(_fragments, max_size=60).map("".join),
    tail=st.binary(max_size=40),
)
def test_no_text_crashes_the_linter_with_every_limit_at_its_maximum(
    tmp_path_factory: pytest.TempPathFactory, opening: str, depth: int, body: str, tail: bytes
) -> None:
    """Nesting around the maximum depth, then any fragments and bytes: never a crash."""
    if opening == "- ":
        body = "".join("  " * level + "- \n" for level in range(depth)) + body
    else:
        body = "x: " + opening * depth + body
    folder = tmp_path_factory.mktemp("fuzz")
    config = make_config(
        root=str(folder),
        max_depth=LIMIT_MAXIMUMS["max-depth"],
        max_alias_nodes=LIMIT_MAXIMUMS["max-alias-nodes"],
        max_file_size=LIMIT_MAXIMUMS["max-file-size"],
    )
    for name, data in (
        ("c.yaml", b"kind: model-contract\n" + body.encode() + tail),
        ("c.json", b'{"kind": "model-contract", "x": ' + body.encode() + tail),
        ("c.md", b"```yaml\nkind: model-contract\n" + body.encode() + tail + b"\n```\n"),
    ):
        path = folder / name
        path.write_bytes(data)
        result = lint_file(Target(str(path), name), config, TODAY)
        assert all(f.code != "CL000" for f in result.findings), result.findings
