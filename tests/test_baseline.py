"""--write-baseline / --baseline: adopt contractlint on files that already have findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contractlint.cli.commands import cli

from conftest import cli_runner

# A model contract with five findings: no owners (three CL401), no fallback, no monitoring.
LEGACY = """\
kind: model-contract
name: legacy-{n}
endpoint: /v1/score
latency_budget_ms: {{p50: 40, p95: 90}}
timeout_ms: 250
throughput_rps: 50
response: {{score: 0.0, model_version: string}}
retraining_trigger: monthly
rollback: redeploy the previous version
logging: [request_id, score]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".contractlint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):  # type: ignore[no-untyped-def]
    return cli_runner().invoke(cli, ["check", "--no-color", *args], env={"NO_COLOR": "1"})


def write_legacy(project: Path, count: int) -> None:
    folder = project / "contracts"
    folder.mkdir(exist_ok=True)
    for n in range(count):
        (folder / f"legacy-{n:03}.yaml").write_text(LEGACY.format(n=n), encoding="utf-8")


def test_five_hundred_legacy_findings_adopt_then_only_new_ones_show(project: Path) -> None:
    write_legacy(project, 100)
    before = run("--format", "json", "contracts")
    assert before.exit_code == 1
    assert json.loads(before.stdout)["summary"]["findings"] == 500

    written = run("--write-baseline", "baseline.json", "contracts")
    assert written.exit_code == 0
    assert len(json.loads((project / "baseline.json").read_text())["entries"]) == 500

    clean = run("--baseline", "baseline.json", "contracts")
    assert clean.exit_code == 0, clean.stdout
    assert "500 more held back by the baseline" in clean.stdout

    # A new problem in one legacy file is reported, alone.
    path = project / "contracts" / "legacy-042.yaml"
    path.write_text(path.read_text() + "fallback: TBD\n", encoding="utf-8")
    new = run("--baseline", "baseline.json", "--format", "json", "contracts")
    assert new.exit_code == 1
    findings = json.loads(new.stdout)["findings"]
    assert [(f["path"], f["code"]) for f in findings] == [("contracts/legacy-042.yaml", "CL101")]


def test_edits_elsewhere_in_a_file_do_not_churn_the_baseline(project: Path) -> None:
    write_legacy(project, 3)
    assert run("--write-baseline", "baseline.json").exit_code == 0
    path = project / "contracts" / "legacy-001.yaml"
    shifted = "# owners are being agreed with the platform team\n\n" + path.read_text()
    path.write_text(shifted.replace("timeout_ms: 250", "timeout_ms: 260"), encoding="utf-8")
    result = run("--baseline", "baseline.json")
    assert result.exit_code == 0, result.stdout
    assert "15 more held back" in result.stdout


def test_fixed_findings_leave_stale_entries_that_are_counted(project: Path) -> None:
    write_legacy(project, 2)
    assert run("--write-baseline", "baseline.json").exit_code == 0
    path = project / "contracts" / "legacy-000.yaml"
    owners = "owners: {scope: a@x.io, feasibility: b@x.io, method: c@x.io}\n"
    path.write_text(path.read_text() + owners, encoding="utf-8")
    result = run("--baseline", "baseline.json", "--format", "json")
    summary = json.loads(result.stdout)["summary"]
    assert summary["findings"] == 0
    assert summary["baselined"] == 7
    assert summary["stale_baseline_entries"] == 3
    text = run("--baseline", "baseline.json")
    assert "3 baseline entries no longer match anything" in text.stdout


def test_a_run_on_some_files_counts_only_their_stale_entries(project: Path) -> None:
    """pre-commit passes the files staged: the other files' entries are not stale."""
    write_legacy(project, 3)
    assert run("--write-baseline", "baseline.json").exit_code == 0
    one = run("--baseline", "baseline.json", "contracts/legacy-001.yaml")
    assert one.exit_code == 0 and "no longer match" not in one.stdout, one.stdout
    path = project / "contracts" / "legacy-001.yaml"
    path.write_text(path.read_text() + "fallback: serve_default\n", encoding="utf-8")
    fixed = run("--baseline", "baseline.json", "--format", "json", "contracts/legacy-001.yaml")
    assert json.loads(fixed.stdout)["summary"]["stale_baseline_entries"] == 1
    (project / "contracts" / "legacy-002.yaml").unlink()  # a file gone: its entries are stale
    gone = run("--baseline", "baseline.json", "--format", "json", ".")
    assert json.loads(gone.stdout)["summary"]["stale_baseline_entries"] == 1 + 5


def test_two_documents_of_one_name_in_a_file_have_their_own_fingerprints(
    project: Path,
) -> None:
    """Two README blocks of one example: code scanning must not merge their findings."""
    block = "```yaml\nkind: model-contract\nname: TODO\n```\n"
    (project / "two.md").write_text("# A\n\n" + block + "\n# B\n\n" + block, encoding="utf-8")
    found = json.loads(run("--format", "json", "two.md").stdout)["findings"]
    prints = [f["fingerprint"] for f in found]
    assert len(prints) > 2 and len(set(prints)) == len(prints)
    assert {f["line"] for f in found} == {4, 5, 11, 12}  # both blocks


def test_findings_of_one_rule_on_one_value_have_their_own_fingerprints(project: Path) -> None:
    """Three CL401 on `owners: TBD` (scope, feasibility, method) are three problems: one
    fingerprint would make code scanning merge them. Moving the file's lines still
    churns nothing (CL004 says "first on line N": its fingerprint is its pointer's)."""
    text = LEGACY.format(n=0) + "owners: TBD\ntimeout_ms: 300\n"
    (project / "c.yaml").write_text(text, encoding="utf-8")
    first = json.loads(run("--format", "json", "c.yaml").stdout)["findings"]
    owners = [f["fingerprint"] for f in first if f["code"] == "CL401"]
    assert len(owners) == 3 and len(set(owners)) == 3
    (project / "c.yaml").write_text("# moved\n\n" + text, encoding="utf-8")
    moved = json.loads(run("--format", "json", "c.yaml").stdout)["findings"]
    assert "CL004" in [f["code"] for f in first]
    assert [f["fingerprint"] for f in moved] == [f["fingerprint"] for f in first]
    assert [f["line"] for f in moved] == [f["line"] + 2 for f in first]


def test_baseline_paths_are_relative_to_the_project_root(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_legacy(project, 2)
    assert run("--write-baseline", "baseline.json").exit_code == 0
    monkeypatch.chdir(project / "contracts")
    result = run("--baseline", "../baseline.json", ".")
    assert result.exit_code == 0, result.stdout


def test_identical_findings_need_an_entry_each(project: Path) -> None:
    text = LEGACY.format(n=0)
    (project / "twice.yaml").write_text(text + "---\n" + text, encoding="utf-8")
    assert run("--write-baseline", "baseline.json", "twice.yaml").exit_code == 0
    entries = json.loads((project / "baseline.json").read_text())["entries"]
    assert len(entries) == 10
    assert run("--baseline", "baseline.json", "twice.yaml").exit_code == 0


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "cannot read the baseline"),
        ("not json", "invalid JSON"),
        ('{"version": 99, "entries": []}', "version 1"),
        ('{"version": 1, "entries": [{"path": 3}]}', "entry 0"),
    ],
)
def test_a_bad_baseline_is_exit_2(project: Path, content: str | None, message: str) -> None:
    write_legacy(project, 1)
    if content is not None:
        (project / "baseline.json").write_text(content, encoding="utf-8")
    result = run("--baseline", "baseline.json")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
