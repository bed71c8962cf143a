"""``check --watch`` (issue 19 item 9): a run, then another when a file changes, in a
real process watched by watchfiles; without the extra, one line and exit 2."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from documents import MODEL, edit

pytest.importorskip("watchfiles")


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        into.put(line)


def _wait_for(lines: queue.Queue[str], text: str, seen: list[str], timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            seen.append(lines.get(timeout=0.2))
        except queue.Empty:
            continue
        if text in seen[-1]:
            return
    raise AssertionError(f"{text!r} not seen in {seen}")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_watch_lints_again_when_a_file_changes(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    contract = tmp_path / "model.yaml"
    contract.write_text(MODEL, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "contractlint", "check", "--watch", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "CONTRACTLINT_NO_CACHE": "1", "NO_COLOR": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        _wait_for(lines, "1 contract clean", seen)
        _wait_for(lines, "Watching for file changes", seen)
        time.sleep(0.5)  # the watcher is set up
        (tmp_path / "notes.txt").write_text("not linted", encoding="utf-8")  # no new run
        contract.write_text(edit(MODEL, timeout_ms="abc"), encoding="utf-8")
        _wait_for(lines, "model.yaml:6:13: CL003", seen)
        _wait_for(lines, "Watching for file changes", seen)
        assert sum("File change detected" in line for line in seen) == 1
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert not any("Traceback" in line for line in seen)


def test_watch_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    # A module named watchfiles that cannot be imported stands for the missing extra.
    (tmp_path / "shadow").mkdir()
    (tmp_path / "shadow" / "watchfiles.py").write_text("raise ImportError('absent')\n")
    done = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "--watch", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "shadow")},
    )
    assert done.returncode == 2
    assert done.stderr == (
        "contractlint: --watch needs the watch extra: pip install 'contractlint[watch]'\n"
    )
