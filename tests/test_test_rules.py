"""`contractlint test-rules` (SPEC section 8): fixtures annotated `# ruleid:` / `# ok:`
as `semgrep --test` reads them, and each team rule's inline examples, through the CLI
as a team runs it."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import contractlint

FIXTURES = Path(__file__).parent / "data" / "rules-tests"
# The team rule of tests/test_team_rules.py.
RULE = """\
rules:
  ACME101:
    name: pii-field-needs-retention
    severity: error
    kinds: [model-contract]
    given: "$.request.fields[?@.pii == true]"
    then: {field: retention_days, function: defined}
    message: "PII field {path} has no retention_days"
    summary: Every PII field declares how long it is kept.
"""
INVALID = """\
kind: model-contract
name: x
request:
  fields:
    - {name: email, pii: true}
"""
VALID = INVALID.replace("pii: true}", "pii: true, retention_days: 30}")


def _block(text: str, indent: int = 10) -> str:
    return "\n".join(" " * indent + line for line in text.splitlines())


def examples(invalid: str = INVALID, valid: str = VALID) -> str:
    return (
        "    examples:\n"
        f"      invalid:\n        - |\n{_block(invalid)}\n"
        f"      valid:\n        - |\n{_block(valid)}\n"
    )


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return contractlint(folder, "test-rules", *args)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the team rule, its examples, and the passing fixtures."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_text(RULE + examples())
    shutil.copytree(FIXTURES, tmp_path / "rules-tests")
    return tmp_path


def rule_line(run: subprocess.CompletedProcess[str], code: str) -> str:
    (line,) = [line for line in run.stdout.splitlines() if line.startswith(f"{code} ")]
    return " ".join(line.split())


def test_passing_fixtures_and_examples_exit_0(project: Path) -> None:
    run = cli(project)
    assert run.returncode == 0, run.stdout + run.stderr
    # 2 examples, 4 cases in pii.yaml and 2 in pii.md (its heading is no annotation).
    assert rule_line(run, "ACME101") == "ACME101 pii-field-needs-retention 8 passed, 0 failed"
    assert rule_line(run, "CL101") == "CL101 missing-fallback 1 passed, 0 failed"
    assert rule_line(run, "CL105") == "CL105 missing-timeout 1 passed, 0 failed"
    assert run.stdout.splitlines()[-1] == "3 rules, 10 cases: 10 passed, 0 failed"
    assert "FAILED" not in run.stdout


def test_a_path_names_the_fixtures_to_run(project: Path) -> None:
    run = cli(project, "rules-tests/pii.md")
    assert run.returncode == 0
    assert rule_line(run, "ACME101") == "ACME101 pii-field-needs-retention 4 passed, 0 failed"
    assert "CL101" not in run.stdout


def test_a_ruleid_line_that_does_not_raise_fails_naming_file_and_line(project: Path) -> None:
    fixture = project / "rules-tests" / "pii.yaml"
    text = fixture.read_text().replace("- {name: email, pii: true}", "- {name: email}")
    fixture.write_text(text)
    run = cli(project)
    assert run.returncode == 1
    assert rule_line(run, "ACME101") == "ACME101 pii-field-needs-retention 7 passed, 1 failed"
    assert "FAILED rules-tests/pii.yaml:9: expected ACME101; found: only CL501" in run.stdout
    assert run.stdout.splitlines()[-1] == "3 rules, 10 cases: 9 passed, 1 failed"


def test_an_ok_line_that_raises_fails(project: Path) -> None:
    fixture = project / "rules-tests" / "pii.yaml"
    text = fixture.read_text().replace("pii: true, retention_days: 30", "pii: true")
    fixture.write_text(text)
    run = cli(project)
    assert run.returncode == 1
    assert "FAILED rules-tests/pii.yaml:13: expected no ACME101; found: ACME101 PII field" in (
        run.stdout
    )


def test_a_raise_on_a_line_without_ruleid_fails_as_in_semgrep(project: Path) -> None:
    fixture = project / "rules-tests" / "pii.yaml"
    fixture.write_text(fixture.read_text() + "    - {name: tel, pii: true}\n")
    run = cli(project)
    assert run.returncode == 1
    assert "FAILED rules-tests/pii.yaml:15: expected no ACME101" in run.stdout
    assert "the line has no `# ruleid: ACME101`" in run.stdout


@pytest.mark.parametrize(
    ("invalid", "valid", "failed"),
    [
        (VALID, VALID, "examples.invalid[0]: expected ACME101; found: not raised"),
        (INVALID, INVALID, "examples.valid[0]: expected no ACME101; found: ACME101 PII field"),
    ],
    ids=["invalid-does-not-raise", "valid-raises"],
)
def test_a_wrong_inline_example_fails(project: Path, invalid: str, valid: str, failed: str) -> None:
    (project / ".contractlint.yaml").write_text(RULE + examples(invalid, valid))
    shutil.rmtree(project / "rules-tests")
    run = cli(project)
    assert run.returncode == 1, run.stdout
    assert rule_line(run, "ACME101") == "ACME101 pii-field-needs-retention 1 passed, 1 failed"
    assert f"FAILED ACME101 {failed}" in run.stdout


def test_without_a_rules_tests_folder_only_the_examples_run(project: Path) -> None:
    shutil.rmtree(project / "rules-tests")
    run = cli(project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no rules-tests/ folder here: only the team rules' inline examples run" in run.stderr
    assert run.stdout.splitlines() == [
        "ACME101  pii-field-needs-retention  2 passed, 0 failed",
        "",
        "1 rule, 2 cases: 2 passed, 0 failed",
    ]


def test_builtin_rule_codes_and_names_work_in_fixtures(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "f.yaml").write_text(
        "# ruleid: CL101, missing-timeout\nkind: model-contract\nname: x\n"
        "# ok: CL101\nowners: {scope: '@a'}  # ruleid: missing-fallback\n"
    )
    run = cli(tmp_path, "f.yaml")
    assert run.returncode == 1
    assert rule_line(run, "CL101") == "CL101 missing-fallback 2 passed, 1 failed"
    assert rule_line(run, "CL105") == "CL105 missing-timeout 1 passed, 0 failed"
    assert "FAILED f.yaml:5: expected CL101; found: only CL401" in run.stdout


def test_an_annotation_naming_no_rule_fails(project: Path) -> None:
    (project / "rules-tests" / "typo.yaml").write_text(
        "kind: model-contract\nname: x  # ruleid: ACME999\n"
    )
    run = cli(project)
    assert run.returncode == 1
    assert "FAILED rules-tests/typo.yaml:2: expected ACME999; found: `ACME999` is not a rule" in (
        run.stdout
    )


def test_a_rule_the_configuration_leaves_off_raises_nothing_in_fixtures(project: Path) -> None:
    (project / ".contractlint.yaml").write_text(RULE + examples() + "ignore: [ACME101]\n")
    run = cli(project, "rules-tests/pii.yaml")
    assert run.returncode == 1
    assert "(ACME101 is not enabled by the configuration)" in run.stdout
    assert "examples." not in run.stdout  # the examples test the rule itself: still pass


def test_a_json_fixture_holds_no_case_and_says_so(project: Path) -> None:
    (project / "rules-tests" / "c.json").write_text('{"kind": "model-contract"}\n')
    run = cli(project)
    assert run.returncode == 0
    assert "rules-tests/c.json: JSON has no comments" in run.stderr


def test_junit_is_a_suite_per_rule_and_a_case_per_case(project: Path) -> None:
    fixture = project / "rules-tests" / "pii.yaml"
    fixture.write_text(fixture.read_text().replace("- {name: email, pii: true}", "- {name: e}"))
    run = cli(project, "--format", "junit")
    assert run.returncode == 1
    root = ET.fromstring(run.stdout)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("10", "1")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {
        "ACME101 pii-field-needs-retention",
        "CL101 missing-fallback",
        "CL105 missing-timeout",
    }
    acme = suites["ACME101 pii-field-needs-retention"]
    assert (acme.get("tests"), acme.get("failures")) == ("8", "1")
    assert len(acme.findall("testcase")) == 8
    (failed,) = [case for case in acme.iter("testcase") if case.find("failure") is not None]
    assert failed.get("name") == "rules-tests/pii.yaml:9 raises"
    failure = failed.find("failure")
    assert failure is not None and failure.get("message") == "expected ACME101"
    names = [case.get("name") for case in acme.iter("testcase")]
    assert "examples.invalid[0] raises" in names and "examples.valid[0] does not raise" in names


def test_a_configuration_error_is_exit_2_as_check_prints_it(project: Path) -> None:
    (project / ".contractlint.yaml").write_text(RULE.replace("function: defined", "function: x"))
    run = cli(project)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith("contractlint: configuration error: ")
    assert "ACME101" in run.stderr and "Traceback" not in run.stderr


def test_a_missing_path_is_a_usage_error(project: Path) -> None:
    run = cli(project, "no-such-folder")
    assert run.returncode == 2 and "does not exist" in run.stderr
