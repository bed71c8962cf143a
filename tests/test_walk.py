"""A repository as users have it: what the walk skips, `exclude` and `extend-exclude`,
`--show-files`, the summary when no file holds a contract, and `new -o` in each format."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import Result

from contractlint.cli.commands import cli
from contractlint.config import DEFAULT_EXCLUDE

from conftest import cli_runner

CONTRACT = "kind: model-contract\nname: x\n"  # a contract with findings (CL101, CL401...)
NONE_FOUND = (
    "(a contract has kind: model-contract, experiment-plan, problem-framing or "
    "acceptance-checklist)"
)


def run(folder: Path, *args: str) -> Result:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return cli_runner().invoke(cli, ["check", "--no-cache", *args])
    finally:
        os.chdir(cwd)


def paths(result: Result) -> set[str]:
    return {f["path"] for f in json.loads(result.stdout)["findings"]}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with a contract in each folder the walk skips by default, one
    in `vendor/`, and one where it belongs."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_text("{}\n")
    for folder in ("contracts", "vendor", *DEFAULT_EXCLUDE):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "c.yaml").write_text(CONTRACT)
    return tmp_path


def test_the_walk_skips_what_ruff_skips(repo: Path) -> None:
    result = run(repo, "--format", "json")
    assert paths(result) == {"contracts/c.yaml", "vendor/c.yaml"}
    # The folders SPEC section 1 names are all in the default list.
    spec = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}
    spec |= {".nox", ".mypy_cache", ".pytest_cache", "build", "dist", "site-packages"}
    assert spec | {".contractlint_cache"} <= set(DEFAULT_EXCLUDE)


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(repo: Path) -> None:
    (repo / ".contractlint.yaml").write_text("exclude: [vendor]\n")
    walked = paths(run(repo, "--format", "json"))
    assert "vendor/c.yaml" not in walked
    assert {"node_modules/c.yaml", "build/c.yaml", "contracts/c.yaml"} <= walked
    (repo / ".contractlint.yaml").write_text("extend-exclude: [vendor/]\n")
    assert paths(run(repo, "--format", "json")) == {"contracts/c.yaml"}


def test_exclude_flags(repo: Path) -> None:
    assert paths(run(repo, "--format", "json", "--extend-exclude", "vendor,x")) == {
        "contracts/c.yaml"
    }
    walked = paths(run(repo, "--format", "json", "--exclude", "contracts/"))
    assert "contracts/c.yaml" not in walked and "dist/c.yaml" in walked


def test_a_path_pattern_in_exclude(repo: Path) -> None:
    (repo / "contracts" / "old").mkdir()
    (repo / "contracts" / "old" / "c.yaml").write_text(CONTRACT)
    walked = paths(run(repo, "--format", "json", "--extend-exclude", "contracts/old/*.yaml"))
    assert walked == {"contracts/c.yaml", "vendor/c.yaml"}


def test_a_named_file_in_a_skipped_folder_is_read_unless_force_exclude(repo: Path) -> None:
    assert paths(run(repo, "--format", "json", "node_modules/c.yaml")) == {"node_modules/c.yaml"}
    result = run(repo, "--format", "json", "--force-exclude", "node_modules/c.yaml")
    assert paths(result) == set() and result.exit_code == 0


def test_fifos_and_devices_are_not_walked(repo: Path) -> None:
    os.mkfifo(repo / "contracts" / "pipe.yaml")
    (repo / "contracts" / "zero.yaml").symlink_to("/dev/zero")
    result = run(repo, "--format", "json")
    assert paths(result) == {"contracts/c.yaml", "vendor/c.yaml"}
    named = run(repo, "--format", "json", "contracts/pipe.yaml")
    finding = json.loads(named.stdout)["findings"][0]
    assert (finding["code"], finding["message"][:18]) == ("CL006", "not a regular file")


def test_no_contract_found_is_said_plainly_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "deploy.yaml").write_text("apiVersion: v1\nkind: Service\n")
    (tmp_path / "tsconfig.json").write_text('{\n  // comment\n  "strict": true,\n}\n')
    (tmp_path / "README.md").write_text("# X\n\n```yaml\nkey: [unclosed\n...\n```\n")
    result = run(tmp_path)
    assert result.exit_code == 0
    assert result.stdout == f"No contract found in 3 files {NONE_FOUND}\n"


def test_the_summary_counts_contracts(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "deploy.yaml").write_text("apiVersion: v1\nkind: Service\n")
    (tmp_path / "c.yaml").write_text(CONTRACT)
    result = run(tmp_path, "--select", "CL101")
    assert result.stdout.splitlines()[-1] == "1 contract in 2 files checked: 1 error"
    result = run(tmp_path, "--select", "CL108,CL101")
    assert result.stdout.splitlines()[-1] == "1 contract in 2 files checked: 1 error, 1 info"
    (tmp_path / "d.yaml").write_text(CONTRACT)
    clean = run(tmp_path, "--select", "CL7")  # the diff rules: `check` never raises them
    assert clean.stdout == "All 2 contracts clean (1 other file holds no contract)\n"


def test_show_files_lists_each_file_and_why(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.yaml").write_text(CONTRACT)
    (tmp_path / "deploy.yaml").write_text("apiVersion: v1\nkind: Service\n")
    (tmp_path / "c.yaml").write_text(CONTRACT)
    (tmp_path / "big.json").write_text('{"data": "' + "x" * 200 + '"}')
    (tmp_path / "pyproject.toml").write_text("[tool.contractlint]\nmax-file-size = 100\n")
    result = run(tmp_path, "--show-files", "--statistics")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "big.json     skipped: no `kind` of a contract in its first 100 bytes "
        "(over `max-file-size`)",
        "c.yaml       linted",
        "deploy.yaml  skipped: no `kind` of a contract",
        "3 files seen: 1 linted",
        "       1  skipped: no `kind` of a contract in its first 100 bytes (over `max-file-size`)",
        "       1  skipped: no `kind` of a contract",
    ]
    named = run(tmp_path, "--show-files", "--force-exclude", "node_modules/x.yaml", "c.yaml")
    assert named.stdout.splitlines() == [
        "c.yaml               linted",
        "node_modules/x.yaml  skipped: excluded by `exclude` (--force-exclude)",
    ]


@pytest.mark.parametrize("name", ["plan.yaml", "plan.json", "plan.md"])
@pytest.mark.parametrize("kind", ["model-contract", "experiment-plan"])
def test_new_writes_a_candidate_that_parses_in_every_format(
    tmp_path: Path, name: str, kind: str
) -> None:
    (tmp_path / ".git").mkdir()
    made = run_new(tmp_path, kind, name)
    assert made.exit_code == 0, made.stderr
    result = run(tmp_path, "--format", "json", name)
    report = json.loads(result.stdout)
    assert report["summary"]["contracts"] == 1
    found = {f["code"] for f in report["findings"]}
    assert found and not found & {"CL001", "CL002", "CL003", "CL006"}
    if name.endswith(".json"):
        assert json.loads((tmp_path / name).read_text())["kind"] == kind


def run_new(folder: Path, kind: str, name: str) -> Result:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return cli_runner().invoke(cli, ["new", kind, "-o", name])
    finally:
        os.chdir(cwd)
