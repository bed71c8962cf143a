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


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_link_to_a_sibling_folder_is_no_loop_and_its_files_are_linted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`docs/examples -> ../examples` (an mkdocs layout) leads to a folder walked by its
    own path: no finding, and its files are linted once, under that path."""
    (tmp_path / "examples").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "examples" / "c.yaml").write_text(CONTRACT, encoding="utf-8")
    os.symlink(os.path.join("..", "examples"), tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    result = cli_runner().invoke(cli, ["check", "--no-color", "."], env={"NO_COLOR": "1"})
    assert "CL006" not in result.stdout and "symlink" not in result.stdout
    assert "examples/c.yaml:3:11: CL101" in result.stdout
    assert "docs/examples/c.yaml" not in result.stdout
    shown = cli_runner().invoke(cli, ["check", "--show-files", "."])
    rows = [" ".join(line.split()) for line in shown.stdout.splitlines()]
    assert rows == [
        "docs/examples skipped: a link to a folder linted by its own path",
        "examples/c.yaml linted",
    ]
    # Asked for the folder that holds the link, the link is walked: nothing else leads there.
    inside = cli_runner().invoke(cli, ["check", "--no-color", "docs"], env={"NO_COLOR": "1"})
    assert "docs/examples/c.yaml:3:11: CL101" in inside.stdout
