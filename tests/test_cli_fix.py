"""`check --fix` and `check --diff` as a user runs them."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from contractlint.cli.commands import cli

from conftest import cli_runner

BEFORE = """\
# ranking contract
kind: model-contract
name: ranking   # the service
version: 1.10
owners: {scope: a@x.io, feasibility: b@x.io, method: c@x.io}
response:
  scores: [number]   # per item
timeouts_ms: 300
"""
AFTER = """\
# ranking contract
kind: model-contract
name: ranking   # the service
version: "1.10"
owners: {scope: a@x.io, feasibility: b@x.io, method: c@x.io}
response:
  scores: [number]   # per item
  model_version: string
timeout_ms: 300
"""


@pytest.fixture
def contract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ranking.yaml"
    path.write_text(BEFORE, encoding="utf-8")
    path.chmod(0o640)
    return path


def run(*args: str):  # type: ignore[no-untyped-def]
    return cli_runner().invoke(cli, ["check", "--no-color", *args], env={"NO_COLOR": "1"})


def test_diff_prints_the_change_and_writes_nothing(contract: Path) -> None:
    result = run("--diff", "ranking.yaml")
    assert result.exit_code == 1
    assert '-version: 1.10\n+version: "1.10"\n' in result.stdout
    assert "-timeouts_ms: 300\n+  model_version: string\n+timeout_ms: 300\n" in result.stdout
    assert contract.read_text(encoding="utf-8") == BEFORE


def test_diff_writes_no_cache_either(contract: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONTRACTLINT_NO_CACHE")  # as a user runs it: the cache is on
    assert run("--diff", "ranking.yaml").exit_code == 1
    assert sorted(p.name for p in contract.parent.iterdir()) == ["ranking.yaml"]
    run("ranking.yaml")  # the check without --diff does keep one
    assert (contract.parent / ".contractlint_cache").is_dir()


def test_fix_edits_in_place_and_reports_what_remains(contract: Path) -> None:
    result = run("--fix", "ranking.yaml")
    assert contract.read_text(encoding="utf-8") == AFTER
    assert "Fixed 3 findings; what remains is reported below." in result.stderr
    remaining = {line.split()[1] for line in result.stdout.splitlines()[:-1]}
    assert remaining.isdisjoint({"CL005", "CL502", "CL505"})
    assert "CL101" in remaining  # not fixable: still reported
    assert stat.S_IMODE(contract.stat().st_mode) == 0o640
    assert sorted(p.name for p in contract.parent.iterdir()) == ["ranking.yaml"]


def test_fix_twice_changes_nothing_the_second_time(contract: Path) -> None:
    run("--fix", "ranking.yaml")
    again = run("--fix", "ranking.yaml")
    assert contract.read_text(encoding="utf-8") == AFTER
    assert "Fixed" not in again.stderr
    assert run("--diff", "ranking.yaml").exit_code == 0


def test_fix_on_a_json_file_keeps_its_layout(tmp_path: Path, contract: Path) -> None:
    path = tmp_path / "ranking.json"
    path.write_text(
        '{\n    "kind": "model-contract",\n    "name": "ranking",\n'
        '    "response": {"scores": [0.0]},\n    "timeouts_ms": 300\n}\n',
        encoding="utf-8",
    )
    run("--fix", "ranking.json")
    assert path.read_text(encoding="utf-8") == (
        '{\n    "kind": "model-contract",\n    "name": "ranking",\n'
        '    "response": {"scores": [0.0], "model_version": "string"},\n'
        '    "timeout_ms": 300\n}\n'
    )


def test_an_unfixable_case_is_reported_not_rewritten(tmp_path: Path, contract: Path) -> None:
    text = BEFORE.replace("timeouts_ms: 300", "timeouts_ms: 300\ntimeout_ms: 250")
    contract.write_text(text, encoding="utf-8")
    result = run("--fix", "ranking.yaml")
    assert "CL505 not fixed" in result.stderr
    assert "timeouts_ms: 300\ntimeout_ms: 250" in contract.read_text(encoding="utf-8")
    # What --fix declined is no longer "fixable with --fix" (it just said why not).
    assert "fixable with `--fix`" not in result.stdout, result.stdout
    assert "fixable with `--fix`" in run("ranking.yaml").stdout
    remaining = json.loads(run("--fix", "--format", "json", "ranking.yaml").stdout)
    assert [f["fixable"] for f in remaining["findings"] if f["code"] == "CL505"] == [False]
