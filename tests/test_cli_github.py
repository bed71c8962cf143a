"""On GitHub Actions: annotations by default, the step summary and the step outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractlint.cli.commands import cli

from conftest import cli_runner

BAD = "kind: model-contract\nname: ranking-service\nfallback: TBD\n"


@pytest.fixture
def actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
        "CONTRACTLINT_OUTPUT_FORMAT": "",
        "NO_COLOR": "1",
    }


def test_annotations_are_the_default_on_actions(actions: dict[str, str], tmp_path: Path) -> None:
    result = cli_runner().invoke(cli, ["check", "bad.yaml"], env=actions)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=bad.yaml,line=")
    assert "title=CL" in first
    outputs = (tmp_path / "output.txt").read_text(encoding="utf-8").splitlines()
    assert "errors=7" in outputs and "findings=11" in outputs
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| `bad.yaml:3` | `CL101 missing-fallback` | error |" in summary


def test_an_explicit_format_wins_and_still_writes_the_outputs(
    actions: dict[str, str], tmp_path: Path
) -> None:
    result = cli_runner().invoke(cli, ["check", "--format", "json", "bad.yaml"], env=actions)
    assert result.stdout.lstrip().startswith("{")
    assert "findings=11" in (tmp_path / "output.txt").read_text(encoding="utf-8")


def test_the_environment_variable_overrides_the_default(actions: dict[str, str]) -> None:
    env = {**actions, "CONTRACTLINT_OUTPUT_FORMAT": "text"}
    result = cli_runner().invoke(cli, ["check", "bad.yaml"], env=env)
    assert result.stdout.startswith("bad.yaml:1:1: ")


def test_outside_actions_text_is_the_default(actions: dict[str, str]) -> None:
    env = {**actions, "GITHUB_ACTIONS": ""}
    result = cli_runner().invoke(cli, ["check", "bad.yaml"], env=env)
    assert result.stdout.startswith("bad.yaml:1:1: ")


def test_the_step_files_start_a_line_of_their_own(actions: dict[str, str], tmp_path: Path) -> None:
    """An earlier step may leave a line unfinished: ours must not be glued to it."""
    (tmp_path / "output.txt").write_text("previous=1", encoding="utf-8")
    (tmp_path / "summary.md").write_text("earlier text", encoding="utf-8")
    result = cli_runner().invoke(cli, ["check", "bad.yaml"], env=actions)
    assert result.exit_code == 1
    outputs = (tmp_path / "output.txt").read_text(encoding="utf-8").splitlines()
    assert outputs[:2] == ["previous=1", "errors=7"]
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8").splitlines()
    assert summary[0] == "earlier text" and summary[1] != "earlier text"


def test_the_step_summary_names_files_from_the_workspace(
    actions: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = cli_runner().invoke(cli, ["check", "../bad.yaml"], env=actions)
    assert result.exit_code == 1 and "::error file=bad.yaml," in result.stdout
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| `bad.yaml:3` | `CL101 missing-fallback` | error |" in summary
