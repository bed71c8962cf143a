"""The pre-commit hook, run by the real pre-commit (`try-repo`), not by a mock.

pre-commit builds the hook's environment from this repository and the package
registry, so this test needs the registry (PyPI) and takes a little while.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
kind: model-contract
name: ranking-service
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
endpoint: /v1/rank
request: {user_id: string}
response: {ranked_item_ids: [string], model_version: string}
latency_budget_ms: {p50: 50, p95: 120}
timeout_ms: 300
throughput_rps: 400
fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}
monitoring: [ctr_by_bucket, latency_p95]
retraining_trigger: weekly
rollback: redeploy the previous model_version
logging: [request_id, model_version]
"""
BAD = GOOD.replace(
    "fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}", "fallback: TBD"
)

pytestmark = pytest.mark.skipif(
    not (ROOT / ".git").exists() or shutil.which("git") is None,
    reason="pre-commit try-repo needs this repository as a git checkout",
)


def _git(cwd: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("precommit")
    work = base / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "cache"),
        "GIT_AUTHOR_NAME": "contractlint tests",
        "GIT_AUTHOR_EMAIL": "tests@example.com",
        "GIT_COMMITTER_NAME": "contractlint tests",
        "GIT_COMMITTER_EMAIL": "tests@example.com",
        "GIT_CONFIG_GLOBAL": str(base / "gitconfig"),
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    env.pop("CONTRACTLINT_OUTPUT_FORMAT", None)
    (work / "good.yaml").write_text(GOOD, encoding="utf-8")
    (work / "bad.yaml").write_text(BAD, encoding="utf-8")
    (work / "notes.txt").write_text("not a spec file\n", encoding="utf-8")
    _git(work, "init", "-q", env=env)
    _git(work, "add", ".", env=env)
    return work, env


def try_repo(work: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "contractlint",
         "--color", "never", "--files", *files],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )  # fmt: skip


def test_hook_passes_a_good_contract(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    result = try_repo(work, env, "good.yaml", "notes.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "contractlint" in result.stdout and "Passed" in result.stdout


def test_hook_fails_a_bad_contract_and_shows_the_finding(
    repo: tuple[Path, dict[str, str]],
) -> None:
    work, env = repo
    result = try_repo(work, env, "good.yaml", "bad.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "bad.yaml:10:11: CL101 [error]" in result.stdout
    assert "good.yaml:" not in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_fix_hook_fixes_in_place(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    target = work / "fixable.yaml"
    target.write_text(GOOD.replace("name: ranking-service", "name: ranking-service\nversion: 1.10"))
    _git(work, "add", "fixable.yaml", env=env)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "contractlint-fix",
         "--color", "never", "--files", "fixable.yaml"],
        cwd=work, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr  # files were modified
    assert "files were modified by this hook" in result.stdout
    assert 'version: "1.10"' in target.read_text(encoding="utf-8")


def test_diff_hook_stops_a_breaking_change(tmp_path: Path) -> None:
    work = tmp_path / "diffwork"
    work.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "contractlint tests",
        "GIT_AUTHOR_EMAIL": "tests@example.com",
        "GIT_COMMITTER_NAME": "contractlint tests",
        "GIT_COMMITTER_EMAIL": "tests@example.com",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    env.pop("CONTRACTLINT_OUTPUT_FORMAT", None)
    (work / "contract.yaml").write_text(GOOD, encoding="utf-8")
    _git(work, "init", "-q", env=env)
    _git(work, "add", ".", env=env)
    _git(work, "commit", "-q", "-m", "contract", env=env)
    (work / "contract.yaml").write_text(BAD, encoding="utf-8")  # the fallback is now TBD
    _git(work, "add", ".", env=env)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "contractlint-diff",
         "--color", "never", "--files", "contract.yaml"],
        cwd=work, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "contract.yaml:10:11: CL705 [error]" in result.stdout
