"""Shared helpers: lint a text as a file and get its findings back."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from contractlint import config as config_module
from contractlint.config import Config
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.results import Finding

TODAY = datetime.date(2026, 11, 26)


def make_config(**fields: Any) -> Config:
    """A default Config with fields replaced; ``select``/``ignore`` recompute the enabled set."""
    config = Config()._replace(**fields)
    return config._replace(
        enabled=config_module.enabled_codes(config.select, config.extend_select, config.ignore),
    )


LintText = Callable[..., list[Finding]]


@pytest.fixture(autouse=True)
def _no_result_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs in tests lint afresh: a test that patches a rule must not get another
    test's cached result. ``tests/test_cache.py`` turns the cache back on."""
    monkeypatch.setenv("CONTRACTLINT_NO_CACHE", "1")
    monkeypatch.delenv("CONTRACTLINT_CACHE_DIR", raising=False)


@pytest.fixture
def lint_text(tmp_path: Path) -> LintText:
    """``lint_text(text, name="contract.yaml", config=None, today=TODAY) -> [Finding]``."""

    def run(
        text: str,
        name: str = "contract.yaml",
        config: Config | None = None,
        today: datetime.date = TODAY,
        files: Sequence[tuple[str, str]] = (),
    ) -> list[Finding]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        for extra, extra_text in files:
            (tmp_path / extra).write_bytes(extra_text.encode("utf-8"))
        config = config or make_config(root=str(tmp_path))  # the project root
        result = lint_file(Target(str(path), name), config, today)
        return list(result.findings)

    return run


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def located(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]


Located = list[tuple[str, int, int]]


@pytest.fixture
def check(lint_text: LintText) -> Callable[..., Located]:
    """``check(text, name="contract.yaml", config=None, files=()) -> [(code, line, column)]``:
    ``lint_text`` with each finding ``located`` (the per-rule tests, ``tests/rules/``)."""

    def run(
        text: str,
        name: str = "contract.yaml",
        config: Config | None = None,
        files: Sequence[tuple[str, str]] = (),
    ) -> Located:
        return located(lint_text(text, name, config, files=files))

    return run


def codes_of(found: Located) -> list[str]:
    """The codes of what ``check`` returns."""
    return [code for code, _, _ in found]


def cli_runner() -> CliRunner:
    """A CliRunner that keeps stderr apart from stdout on every supported click.

    click 8.2 (Python >= 3.10) always separates them and removed ``mix_stderr``;
    click 8.1 (the last release for Python 3.9) mixes them unless told not to.
    """
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def write_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` realistic files of every kind, some flawed (``bench/corpus.py``)."""
    import importlib.util

    corpus = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"
    spec = importlib.util.spec_from_file_location("bench_corpus", corpus)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths: list[Path] = module.write(folder, count)
    return paths


def contractlint(
    folder: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m contractlint ARGS`` in ``folder``, as a user runs it: a fresh process,
    no cache, no colours (``env`` adds to the environment), ``stdin`` as its input."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CI")}
    return subprocess.run(
        [sys.executable, "-m", "contractlint", *args],
        cwd=folder,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**inherited, "CONTRACTLINT_NO_CACHE": "1", "NO_COLOR": "1", **(env or {})},
    )


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` is running (a zombie is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
