"""A directory symlink loop is reported once (CL006) and never followed forever."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from contractlint.cli.commands import cli

from conftest import cli_runner

CONTRACT = "kind: model-contract\nname: x\nfallback: TBD\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_loop_is_reported_once_and_the_rest_is_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "c.yaml").write_text(CONTRACT, encoding="utf-8")
    os.symlink("..", tmp_path / "specs" / "up")
    monkeypatch.chdir(tmp_path)
    result = cli_runner().invoke(cli, ["check", "--no-color", "."], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    loops = [line for line in result.stdout.splitlines() if "symlink loop" in line]
    assert loops == [loops[0]] and loops[0].startswith("specs/up:1:1: CL006 [error]")
    assert "specs/c.yaml:3:11: CL101" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
