"""The GitHub Action (`action.yml`, issue 19 item 13): its steps' scripts run here as
the runner runs them (bash, the inputs as environment variables), on paths with
spaces, for any command; every output it writes is declared; inputs never reach a
script's text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from contractlint.formatters import github
from contractlint.results import Report

from documents import MODEL, edit

ROOT = Path(__file__).resolve().parent.parent
ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the steps run in bash")


def step(name: str) -> dict[str, Any]:
    return next(s for s in STEPS if s.get("name") == name)


def run_step(
    name: str,
    folder: Path,
    inputs: dict[str, str],
    outputs: Path,
    environment: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The step's script in bash, with its `env:` filled as the runner fills it (and
    ``environment`` on top: the runner's own variables, PATH)."""
    values = {
        "inputs.command": inputs.get("command", ACTION["inputs"]["command"]["default"]),
        "inputs.paths": inputs.get("paths", ""),
        "inputs.args": inputs.get("args", ""),
        "github.action_path": str(ROOT),
        "steps.python.outputs.python": sys.executable,
    }
    env = {**os.environ, "GITHUB_OUTPUT": str(outputs), "GITHUB_ACTIONS": "true"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    env["CONTRACTLINT_NO_CACHE"] = "1"
    env.update(environment or {})
    for key, template in step(name).get("env", {}).items():
        env[key] = values[template.strip("${} ")]
    return subprocess.run(
        ["bash", "-e", "-c", step(name)["run"]],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_no_input_is_spliced_into_a_script() -> None:
    for each in STEPS:
        assert "${{" not in each.get("run", ""), each.get("name")


def test_every_output_it_writes_is_declared() -> None:
    written = {line.split("=")[0] for line in github.outputs(Report((), ())).splitlines()}
    assert written == {"errors", "warnings", "infos", "findings"}
    assert set(ACTION["outputs"]) == written
    for name, output in ACTION["outputs"].items():
        assert output["value"] == f"${{{{ steps.lint.outputs.{name} }}}}"


def test_python_is_the_runners_unless_a_version_is_given() -> None:
    assert ACTION["inputs"]["python-version"]["default"] == ""
    setup = next(s for s in STEPS if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert setup["if"] == "inputs.python-version != ''"
    cache = next(s for s in STEPS if str(s.get("uses", "")).startswith("actions/cache"))
    assert cache["with"]["key"] == "${{ steps.python.outputs.key }}"


@pytest.fixture
def runner_python(tmp_path: Path) -> dict[str, str]:
    """The runner's own `python3` (this interpreter, first on PATH) and its RUNNER_TEMP:
    no network, nothing installed."""
    bin_dir = tmp_path / "runner-bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)
    (tmp_path / "runner-temp").mkdir()
    return {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path / "runner-temp"),
    }


def test_the_python_step_finds_python_and_a_cache_key(
    tmp_path: Path, runner_python: dict[str, str]
) -> None:
    outputs = tmp_path / "outputs"
    done = run_step("Find Python and pip's cache", tmp_path, {}, outputs, runner_python)
    assert done.returncode == 0, done.stderr
    found = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert set(found) == {"python", "pip-cache", "key"}
    assert Path(found["python"]).exists() and found["key"].startswith("contractlint-pip-")
    assert found["pip-cache"]


def test_the_default_python_installs_into_a_virtual_environment(
    tmp_path: Path, runner_python: dict[str, str]
) -> None:
    """The runner's python3 may be externally managed (PEP 668, ubuntu-24.04): pip
    refuses to install into it, never into a virtual environment's interpreter, which
    is what the install and run steps get."""
    outputs = tmp_path / "outputs"
    done = run_step("Find Python and pip's cache", tmp_path, {}, outputs, runner_python)
    assert done.returncode == 0, done.stderr
    found = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    venv = Path(runner_python["RUNNER_TEMP"]) / "contractlint-venv"
    assert found["python"] == str(venv / "bin" / "python")
    prefixes = subprocess.run(
        [found["python"], "-c", "import sys; print(sys.prefix); print(sys.base_prefix)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert Path(prefixes[0]) == venv and prefixes[1] != prefixes[0]
    assert subprocess.run([found["python"], "-m", "pip", "--version"], check=False).returncode == 0
    for name in ("Install contractlint", "Run contractlint"):
        assert step(name)["env"]["PYTHON"] == "${{ steps.python.outputs.python }}"
    assert '"$PYTHON" -m pip install' in step("Install contractlint")["run"]
    # A second use of the action in the job starts from a fresh environment.
    again = run_step("Find Python and pip's cache", tmp_path, {}, outputs, runner_python)
    assert again.returncode == 0, again.stderr


def test_a_python_older_than_3_9_is_an_error(tmp_path: Path) -> None:
    bin_dir = tmp_path / "runner-bin"
    bin_dir.mkdir()
    old = bin_dir / "python3"
    old.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'Python 3.8.10'; exit 1\n")
    old.chmod(0o755)
    environment = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = run_step("Find Python and pip's cache", tmp_path, {}, tmp_path / "o", environment)
    assert done.returncode == 2
    assert "::error title=contractlint::contractlint needs Python 3.9 or newer" in done.stdout
    assert "Python 3.8.10" in done.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "my contracts").mkdir()
    (tmp_path / "my contracts" / "ranking model.yaml").write_text(
        edit(MODEL, timeout_ms="abc"), encoding="utf-8"
    )
    (tmp_path / "clean.yaml").write_text(MODEL, encoding="utf-8")
    return tmp_path


def test_check_on_paths_with_spaces_sets_the_outputs(project: Path) -> None:
    outputs = project / "outputs"
    inputs = {"paths": "  my contracts  \nclean.yaml\n", "args": "--format json --fail-on error"}
    done = run_step("Run contractlint", project, inputs, outputs)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert {f["path"] for f in report["findings"]} == {"my contracts/ranking model.yaml"}
    assert report["summary"]["files"] == 2  # the folder's file and clean.yaml
    counts = dict(line.split("=") for line in outputs.read_text().splitlines())
    assert counts == {"errors": "1", "warnings": "0", "infos": "0", "findings": "1"}


def test_arguments_one_per_line_may_hold_spaces(project: Path) -> None:
    outputs = project / "outputs"
    args = "--format\nsarif\n--output-file\nreport file.sarif\n--exit-zero"
    done = run_step("Run contractlint", project, {"args": args}, outputs)
    assert done.returncode == 0, done.stderr
    assert json.loads((project / "report file.sarif").read_text())["version"] == "2.1.0"


def test_a_path_may_start_with_a_dash(project: Path) -> None:
    (project / "-draft.yaml").write_text(edit(MODEL, timeout_ms="abc"), encoding="utf-8")
    outputs = project / "outputs"
    inputs = {"paths": "-draft.yaml\nclean.yaml", "args": "--format json"}
    done = run_step("Run contractlint", project, inputs, outputs)
    assert done.returncode == 1, done.stderr
    assert {f["path"] for f in json.loads(done.stdout)["findings"]} == {"-draft.yaml"}


def test_any_command_runs(project: Path) -> None:
    outputs = project / "outputs"
    rules = run_step(
        "Run contractlint", project, {"command": "rules", "args": "--select CL3"}, outputs
    )
    assert rules.returncode == 0, rules.stderr
    assert rules.stdout.splitlines()[0].startswith("CL301")
    explained = run_step(
        "Run contractlint", project, {"command": "explain", "args": "CL101"}, outputs
    )
    assert explained.returncode == 0 and "missing-fallback" in explained.stdout
