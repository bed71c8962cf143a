"""The CI output formats (SPEC section 5, issue 4): github, sarif, junit, gitlab.

Each format is checked against what reads it: SARIF and GitLab Code Quality
against their official JSON Schemas (over the findings of the whole examples/
folder), JUnit by parsing it back with ElementTree, and the GitHub workflow
commands by decoding them the way the Actions runner does.
"""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

from contractlint import __version__, explain
from contractlint import config as config_module
from contractlint.formatters import FORMATTERS, Context, github, gitlab, junit, sarif, text
from contractlint.model import Rule, RuleDoc, Span
from contractlint.pipeline.discover import Target, discover
from contractlint.pipeline.engine import lint_file, utf16_columns
from contractlint.results import FileResult, Finding, Report, Severity
from contractlint.rules import BY_CODE, RULES
from contractlint.run.runner import lint

from conftest import TODAY, make_config

REPO = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"
GITLAB_SCHEMA = DATA / "gitlab-codeclimate-degradation.schema.json"
# RFC 3986 URI-reference characters (jsonschema checks `uri-reference` only
# when an optional package is installed, so the test checks it itself).
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


def _schema(path: Path) -> dict[str, Any]:
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _validate(instance: Any, schema: dict[str, Any]) -> None:
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def finding(
    path: str = "contracts/ranking.yaml",
    line: int = 3,
    column: int = 5,
    code: str = "CL101",
    severity: Severity = Severity.ERROR,
    message: str = "the contract has no `fallback`",
    end_line: int | None = None,
    end_column: int | None = None,
    fingerprint: str = "",
) -> Finding:
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=line if end_line is None else end_line,
        end_column=column + 4 if end_column is None else end_column,
        code=code,
        name=BY_CODE[code].name if code in BY_CODE else "made-up",
        severity=severity,
        message=message,
        fingerprint=fingerprint or f"fp-{code}-{message}",
    )


def report_of(*findings: Finding, clean: tuple[str, ...] = ()) -> Report:
    paths = list(dict.fromkeys([*(f.path for f in findings), *clean]))
    files = tuple(
        FileResult(path, tuple(f for f in findings if f.path == path), 1) for path in paths
    )
    return Report(files, tuple(findings))


@pytest.fixture(scope="module")
def examples() -> tuple[Report, Context]:
    """Every finding of the repository's examples/ folder, as `contractlint check examples`."""
    config = config_module.load(cwd=REPO)
    found = discover(["examples"], config.root, config.include, config.exclusions, cwd=REPO)
    report = lint(found.targets, config, TODAY)
    assert len(report.findings) >= 30, "the examples should raise many findings"
    return report, Context(root=config.root, cwd=str(REPO), workspace=str(REPO))


CONTRACT = """\
kind: model-contract
name: similar-items
owners: {scope: "😀 pm-discovery", feasibility: TBD, method: ds@example.com}
endpoint: /similar-items
request:
  item_id: string
response:
  item_ids: [string]
  model_version: string
latency_budget_ms: TBD
timeout_ms: 250
monitoring: [rail_ctr]
"""
# The same contract after an edit above every finding: comments and blank lines.
SHIFTED = (
    "# Similar items: the contract for the rail under the product page.\n\n"
    + CONTRACT.replace("endpoint:", "\n# where it is served\n\nendpoint:")
)


def lint_contract(folder: Path, text_: str, name: str = "similar.yaml") -> Report:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text_, encoding="utf-8")
    result = lint_file(Target(str(folder / name), name), make_config(root=str(folder)), TODAY)
    return Report((result,), result.findings)


# --- SARIF ---------------------------------------------------------------------------


def test_sarif_over_the_examples_is_valid_against_the_official_schema(
    examples: tuple[Report, Context],
) -> None:
    report, context = examples
    log = json.loads(sarif.format_report(report, context))
    _validate(log, _schema(SARIF_SCHEMA))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    root_uri = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert root_uri == REPO.as_uri() + "/"
    driver = run["tool"]["driver"]
    assert driver["name"] == "contractlint"
    assert driver["version"] == __version__
    assert driver["informationUri"] == "https://github.com/contractlint/contractlint"
    # SPEC 5: every rule's metadata, in code order, whether it fired or not.
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]
    assert len(run["results"]) == len(report.findings)
    for result, f in zip(run["results"], report.findings):
        assert result["ruleId"] == f.code
        assert driver["rules"][result["ruleIndex"]]["id"] == f.code
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[f.severity.value]
        )
        assert result["message"]["text"] == f.message
        assert result["partialFingerprints"] == {"contractlint/v1": f.fingerprint}
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        assert artifact["uriBaseId"] == "SRCROOT"
        assert URI_REFERENCE.fullmatch(artifact["uri"]), artifact["uri"]
        assert (REPO / unquote(artifact["uri"])).is_file()
        assert unquote(artifact["uri"]) == f.path  # the run started at the project root
        region = location["region"]
        assert (region["startLine"], region["endLine"]) == (f.line, f.end_line)
        assert region["startColumn"] >= 1 and region["endColumn"] >= 1


def test_sarif_rules_carry_the_explanation(examples: tuple[Report, Context]) -> None:
    report, context = examples
    rules = json.loads(sarif.format_report(report, context))["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == len(RULES)
    for descriptor in rules:
        rule = BY_CODE[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"] == {"text": rule.summary}
        assert descriptor["fullDescription"] == {"text": rule.doc.what}
        assert descriptor["help"] == {
            "text": explain.as_text(rule),
            "markdown": explain.as_markdown(rule),
        }
        anchor = f"{rule.code}-{rule.name}".lower()
        assert descriptor["helpUri"].endswith(f"/docs/rules.md#{anchor}")
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert descriptor["defaultConfiguration"] == {"level": level}


def test_sarif_is_deterministic_sorted_json(examples: tuple[Report, Context]) -> None:
    report, context = examples
    out = sarif.format_report(report, context)
    assert out == sarif.format_report(report, context)
    assert out == json.dumps(json.loads(out), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_sarif_columns_are_utf16_code_units_on_a_real_finding(tmp_path: Path) -> None:
    report = lint_contract(tmp_path, CONTRACT)
    (owner,) = [f for f in report.findings if f.code == "CL401"]
    line = CONTRACT.splitlines()[owner.line - 1]
    assert line[owner.column - 1 : owner.end_column - 1] == "TBD"  # code points
    log = json.loads(sarif.format_report(report, Context(root=str(tmp_path), cwd=str(tmp_path))))
    _validate(log, _schema(SARIF_SCHEMA))
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "CL401"]
    region = result["locations"][0]["physicalLocation"]["region"]
    units = line.encode("utf-16-le")
    start, end = region["startColumn"], region["endColumn"]
    assert (start, end) == (owner.column + 1, owner.end_column + 1)  # one emoji before it
    assert units[(start - 1) * 2 : (end - 1) * 2].decode("utf-16-le") == "TBD"


@pytest.mark.parametrize(
    ("line_text", "target"),
    [
        ("ascii only: target", "target"),
        ("café ✓ é: target", "target"),  # BMP characters: one code unit each
        ("😀: target", "target"),
        ("😀🚀 x 👩‍👩‍👧: target 🎉 tail", "target 🎉"),  # astral characters inside the region too
        ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 target", "target"),
    ],
)
def test_sarif_converts_code_point_columns_to_utf16(
    tmp_path: Path, line_text: str, target: str
) -> None:
    start = line_text.index(target) + 1
    end = start + len(target)
    f = finding("doc.yaml", 2, start, end_column=end, message=f"{target} — ✓ 🚀 message")
    # The engine works the UTF-16 columns out where it has the line (no file is read again).
    f = f._replace(utf16=utf16_columns(Span(2, start, 2, end), ["first: 1", line_text]))
    log = json.loads(
        sarif.format_report(report_of(f), Context(root=str(tmp_path), cwd=str(tmp_path)))
    )
    _validate(log, _schema(SARIF_SCHEMA))
    result = log["runs"][0]["results"][0]
    assert result["message"]["text"] == f.message
    region = result["locations"][0]["physicalLocation"]["region"]
    units = line_text.encode("utf-16-le")
    shown = units[(region["startColumn"] - 1) * 2 : (region["endColumn"] - 1) * 2]
    assert shown.decode("utf-16-le") == target


def test_sarif_keeps_code_points_when_they_are_the_utf16_columns(tmp_path: Path) -> None:
    f = finding("gone.yaml", 2, 7, end_column=12)
    log = json.loads(
        sarif.format_report(report_of(f), Context(root=str(tmp_path), cwd=str(tmp_path)))
    )
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 7, "endLine": 2, "endColumn": 12}


def test_sarif_partial_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    def fingerprints(folder: Path, contract: str) -> dict[tuple[str, str], tuple[str, int]]:
        report = lint_contract(folder, contract)
        context = Context(root=str(folder), cwd=str(folder))
        results = json.loads(sarif.format_report(report, context))["runs"][0]["results"]
        return {
            (r["ruleId"], r["message"]["text"]): (
                r["partialFingerprints"]["contractlint/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    before = fingerprints(tmp_path / "before", CONTRACT)
    after = fingerprints(tmp_path / "after", SHIFTED)
    assert before.keys() == after.keys() and len(before) >= 5
    assert {key: fp for key, (fp, _) in before.items()} == {
        key: fp for key, (fp, _) in after.items()
    }
    moved = [key for key in before if before[key][1] != after[key][1]]
    assert len(moved) == len(before)  # every finding moved down, none changed fingerprint


def test_sarif_uris_are_root_relative_and_percent_encoded(tmp_path: Path) -> None:
    root = tmp_path / "project"
    cwd = root / "sub dir"
    findings = (
        finding("ünï 100%/a,b:c #1.yaml"),  # relative to cwd, below the root
        finding("../top.yaml"),  # relative to cwd, still inside the root
        finding(str(tmp_path / "elsewhere.yaml")),  # outside the project root
    )
    log = json.loads(
        sarif.format_report(report_of(*findings), Context(root=str(root), cwd=str(cwd)))
    )
    _validate(log, _schema(SARIF_SCHEMA))
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == root.as_uri() + "/"
    artifacts = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    for artifact in artifacts:
        assert URI_REFERENCE.fullmatch(artifact["uri"]), artifact["uri"]
    assert artifacts[0]["uriBaseId"] == "SRCROOT"
    assert unquote(artifacts[0]["uri"]) == "sub dir/ünï 100%/a,b:c #1.yaml"
    assert " " not in artifacts[0]["uri"] and "#" not in artifacts[0]["uri"]
    assert artifacts[1] == {"uri": "top.yaml", "uriBaseId": "SRCROOT"}
    assert "uriBaseId" not in artifacts[2]
    assert artifacts[2]["uri"] == (tmp_path / "elsewhere.yaml").as_uri()


def test_sarif_without_findings_is_valid(tmp_path: Path) -> None:
    log = json.loads(sarif.format_report(report_of(), Context(root=str(tmp_path))))
    _validate(log, _schema(SARIF_SCHEMA))
    assert log["runs"][0]["results"] == []
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in RULES]


TEAM_RULE = Rule(
    code="ACME101",
    name="pii-field-needs-retention",
    severity=Severity.WARNING,
    kinds=("model-contract",),
    summary="a PII field names no retention",
    doc=RuleDoc(what="w", why="y", bad="b", good="g", fix="f", url="https://wiki/pii"),
)


def test_sarif_lists_every_rule_with_the_team_rules_and_indexes_each_result(
    tmp_path: Path,
) -> None:
    findings = (
        finding(code="CL102", severity=Severity.WARNING),
        finding(code="ACME101", severity=Severity.WARNING),
        finding(code="XX999"),  # a hand-built finding of a rule this version does not know
        finding(code="CL003"),
    )
    context = Context(root=str(tmp_path), rules=(TEAM_RULE,))
    log = json.loads(sarif.format_report(report_of(*findings), context))
    _validate(log, _schema(SARIF_SCHEMA))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [*(r.code for r in RULES), "ACME101", "XX999"]
    assert rules[-2]["name"] == "pii-field-needs-retention"
    assert rules[-2]["helpUri"] == "https://wiki/pii"
    assert rules[-1] == {
        "id": "XX999",
        "name": "made-up",
        "shortDescription": {"text": "made-up"},
        "defaultConfiguration": {"level": "error"},
    }
    for result, f in zip(run["results"], findings):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == f.code


# --- GitLab Code Quality -----------------------------------------------------------------


def test_gitlab_over_the_examples_is_valid_and_fingerprints_are_unique(
    examples: tuple[Report, Context],
) -> None:
    report, context = examples
    issues = json.loads(gitlab.format_report(report, context))
    schema = _schema(GITLAB_SCHEMA)
    assert isinstance(issues, list) and len(issues) == len(report.findings)
    for issue in issues:
        _validate(issue, schema)
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(re.fullmatch(r"[0-9a-f]{64}", fp) for fp in fingerprints)
    severities = {"error": "critical", "warning": "major", "info": "minor"}
    for issue, f in zip(issues, report.findings):
        assert issue["check_name"] == f.code
        assert issue["description"] == f"{f.code} {f.message}"
        assert issue["severity"] == severities[f.severity.value]
        assert issue["location"]["path"] == f.path
        assert (REPO / issue["location"]["path"]).is_file()
        assert issue["location"]["lines"]["begin"] == f.line
        assert issue["type"] == "issue" and issue["categories"] == ["Bug Risk"]
    assert gitlab.format_report(report, context) == gitlab.format_report(report, context)


def test_gitlab_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    def issues(folder: Path, contract: str) -> dict[str, int]:
        report = lint_contract(folder, contract)
        out = json.loads(gitlab.format_report(report, Context(root=str(folder), cwd=str(folder))))
        return {issue["fingerprint"]: issue["location"]["lines"]["begin"] for issue in out}

    before = issues(tmp_path / "before", CONTRACT)
    after = issues(tmp_path / "after", SHIFTED)
    assert before.keys() == after.keys() and len(before) >= 5
    assert all(before[fp] < after[fp] for fp in before)


def test_gitlab_fingerprints_tell_apart_duplicates_and_files(tmp_path: Path) -> None:
    same = finding(fingerprint="abc")
    other_file = same._replace(path="contracts/other.yaml")
    report = report_of(same, same._replace(line=9), other_file)
    out = json.loads(gitlab.format_report(report, Context(root=str(tmp_path), cwd=str(tmp_path))))
    fingerprints = [issue["fingerprint"] for issue in out]
    assert len(set(fingerprints)) == 3
    # The first of equal findings keeps its fingerprint when another one is added after it.
    alone = json.loads(
        gitlab.format_report(report_of(same), Context(root=str(tmp_path), cwd=str(tmp_path)))
    )
    assert alone[0]["fingerprint"] == fingerprints[0]


def test_gitlab_paths_are_relative_to_the_project_root(tmp_path: Path) -> None:
    context = Context(root=str(tmp_path), cwd=str(tmp_path / "specs"))
    out = json.loads(gitlab.format_report(report_of(finding("./a/b.yaml")), context))
    assert out[0]["location"]["path"] == "specs/a/b.yaml"
    assert json.loads(gitlab.format_report(report_of(), context)) == []


# --- JUnit -------------------------------------------------------------------------------


def _parse_junit(out: str) -> ET.Element:
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(out.encode("utf-8"))  # as a CI server reads the file


def test_junit_over_the_examples_is_well_formed(examples: tuple[Report, Context]) -> None:
    report, context = examples
    root = _parse_junit(junit.format_report(report, context))
    assert root.tag == "testsuites" and root.get("name") == "contractlint"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    # SPEC 5: a testcase per linted file; a file that holds no contract is not linted.
    linted = list(dict.fromkeys([*(r.path for r in report.files if r.documents)]))
    assert [case.get("name") for case in cases] == linted
    assert "examples/README.md" not in linted and "examples/expected.yaml" not in linted
    failing = [case for case in cases if case.find("failure") is not None]
    with_findings = list(dict.fromkeys(f.path for f in report.findings))
    assert [case.get("name") for case in failing] == with_findings
    for element in (root, suite):
        assert element.get("tests") == str(len(linted))
        assert element.get("failures") == str(len(with_findings))  # failing testcases
    lines = text.format_findings(report)
    for case in cases:
        path = case.get("name") or ""
        assert case.get("classname") == path and case.get("file") == path
        own = [(f, line) for f, line in zip(report.findings, lines) if f.path == path]
        failures = case.findall("failure")
        assert len(failures) == len(own)  # a failure per finding, in report order
        for failure, (f, line) in zip(failures, own):
            assert failure.get("type") == f.code
            assert failure.get("message") == line == failure.text


def test_junit_clean_runs_have_a_passing_testcase() -> None:
    for report in (report_of(clean=("a.yaml", "b.yaml")), report_of()):
        root = _parse_junit(junit.format_report(report, Context()))
        cases = root.findall("testsuite/testcase")
        assert cases and all(case.find("failure") is None for case in cases)
        assert root.get("failures") == "0"
        assert root.get("tests") == str(max(len(report.files), 1))


def test_junit_strips_control_characters() -> None:
    nasty = "bell\x07 nul\x00 esc\x1b[31m del\x7f c1\x85 tab\tnewline\ncr\r ✓ 😀 <&>\"'"
    f = finding(path="dir/we\x01ird.yaml", message=nasty, code="CL003")
    out = junit.format_report(report_of(f), Context())
    root = _parse_junit(out)
    (case,) = root.findall("testsuite/testcase")
    failure = case.find("failure")
    assert failure is not None
    message = failure.get("message") or ""
    cleaned = "bell nul esc[31m del c1 tab\tnewline\ncr\r ✓ 😀 <&>\"'"
    assert message == f"dir/weird.yaml:3:5: CL003 [error] {cleaned} (schema-violation)"
    assert case.get("classname") == case.get("name") == "dir/weird.yaml"
    everything = " ".join([*case.attrib.values(), *failure.attrib.values(), failure.text or ""])
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", everything)


def test_junit_several_findings_of_a_file_are_one_failing_testcase() -> None:
    a = finding(message="the standard item `a` is missing", code="CL601")
    b = finding(message="the standard item `b` is missing", code="CL601")
    c = finding("other.yaml", code="CL102", severity=Severity.WARNING)
    report = report_of(a, b, c, clean=("clean.yaml",))
    root = _parse_junit(junit.format_report(report, Context()))
    cases = root.findall("testsuite/testcase")
    assert [case.get("name") for case in cases] == [
        "contracts/ranking.yaml",
        "other.yaml",
        "clean.yaml",
    ]
    assert [len(case.findall("failure")) for case in cases] == [2, 1, 0]
    assert [x.get("message") for x in cases[0].findall("failure")] == text.format_findings(
        report_of(a, b)
    )
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "2", "0")


def test_junit_paths_equal_once_cleaned_get_distinct_names() -> None:
    report = report_of(finding("a\x01.yaml"), finding("a.yaml"))
    names = [
        case.get("name")
        for case in _parse_junit(junit.format_report(report, Context())).findall(
            "testsuite/testcase"
        )
    ]
    assert names == ["a.yaml", "a.yaml (2)"]


# --- GitHub Actions -------------------------------------------------------------------------


def _unescape_data(value: str) -> str:
    # As the runner's ActionCommand.UnescapeData: %25 last.
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(value: str) -> str:
    # As the runner's ActionCommand.UnescapeProperty: %25 last.
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def parse_command(line: str) -> tuple[str, dict[str, str], str] | None:
    """A log line as the Actions runner reads it: ``::name k=v::data`` after leading
    whitespace (``ActionCommand.TryParseV2``), else a legacy ``##[name]`` anywhere in
    the line (``ActionCommand.TryParse``; here any name counts, as ``##[name``)."""
    trimmed = line.lstrip()
    end = trimmed.find("::", 2) if trimmed.startswith("::") else -1
    if end < 0:
        legacy = re.search(r"##\[([^\]]*)\]", line)
        return None if legacy is None else (f"##[{legacy.group(1)}", {}, "")
    head, data = trimmed[2:end], trimmed[end + 2 :]
    name, _, props = head.partition(" ")
    properties: dict[str, str] = {}
    for pair in props.split(","):
        if pair:
            key, _, value = pair.partition("=")
            properties[key] = _unescape_property(value)
    return name, properties, _unescape_data(data)


def _lines(out: str) -> list[str]:
    """The lines as the runner reads them (.NET ``ReadLine``: CR, LF or CRLF ends one)."""
    assert out.endswith("\n") or out == ""
    return re.split(r"\r\n|\r|\n", out)[:-1] if out else []


def test_escaping_matches_the_actions_toolkit() -> None:
    assert github.escape_data("100% done\r\n: a, b %0A") == "100%25 done%0D%0A: a, b %250A"
    assert github.escape_property("100% done\r\n: a, b") == "100%25 done%0D%0A%3A a%2C b"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("100% sure/a,b:c.yaml", "50% of 1,000 users: the `p95` is TBD"),
        ("ünïcödé/😀 plan.yaml", "line one\nline two\r\nline three\r the end ✓ — ::error::no"),
        ("%0A%25%3A.yaml", "%0D%0A%25 literally, and ::two:: colons"),
        ("dir/with=equals, and space.yaml", "trailing newline\n"),
    ],
)
def test_github_commands_decode_back_to_the_input(tmp_path: Path, path: str, message: str) -> None:
    f = finding(path, 7, 3, end_column=9, message=message)
    out = github.format_report(report_of(f), Context(cwd=str(tmp_path), workspace=str(tmp_path)))
    (line,) = _lines(out)
    parsed = parse_command(line)
    assert parsed is not None
    name, properties, data = parsed
    assert name == "error"
    assert data == message
    assert properties == {
        "file": path,
        "line": "7",
        "col": "3",
        "endLine": "7",
        "endColumn": "9",
        "title": "CL101 missing-fallback",
    }


def test_github_command_per_severity(tmp_path: Path) -> None:
    findings = (
        finding(code="CL101", severity=Severity.ERROR),
        finding(code="CL102", severity=Severity.WARNING),
        finding(code="CL108", severity=Severity.INFO),
    )
    out = github.format_report(report_of(*findings), Context(cwd=str(tmp_path)))
    commands = [parse_command(line) for line in _lines(out)]
    assert [c[0] for c in commands if c] == ["error", "warning", "notice"]
    assert len(commands) == 3  # nothing else: no plain line, no summary notice


def test_github_multi_line_findings_have_no_columns(tmp_path: Path) -> None:
    f = finding(line=4, column=3, end_line=9, end_column=2)
    out = github.format_report(report_of(f), Context(cwd=str(tmp_path)))
    parsed = parse_command(_lines(out)[0])
    assert parsed is not None
    assert parsed[1] == {
        "file": "contracts/ranking.yaml",
        "line": "4",
        "endLine": "9",
        "title": "CL101 missing-fallback",
    }


def test_github_paths_are_relative_to_the_workspace(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    cwd = workspace / "service"
    findings = (finding("./specs/a.yaml"), finding("../shared/b.yaml"), finding("c.yaml"))

    def files(context: Context) -> list[str]:
        out = github.format_report(report_of(*findings), context)
        return [parsed[1]["file"] for parsed in map(parse_command, _lines(out)) if parsed]

    assert files(Context(cwd=str(cwd), workspace=str(workspace))) == [
        "service/specs/a.yaml",
        "shared/b.yaml",
        "service/c.yaml",
    ]
    # Without a workspace (run by hand), relative to the current folder.
    assert files(Context(cwd=str(cwd))) == ["specs/a.yaml", "../shared/b.yaml", "c.yaml"]
    # Outside the workspace, GitHub cannot link the file: its absolute path is shown.
    assert files(Context(cwd=str(cwd), workspace=str(cwd / "specs")))[1:] == [
        (workspace / "shared" / "b.yaml").as_posix(),
        (cwd / "c.yaml").as_posix(),
    ]


def test_github_annotation_budget(tmp_path: Path) -> None:
    warnings = [finding(f"w{i}.yaml", code="CL102", severity=Severity.WARNING) for i in range(3)]
    errors = [finding(f"e{i:02}.yaml", line=i + 1) for i in range(25)]
    # Report order mixes them: warnings first, to check that errors are annotated first.
    report = report_of(*warnings[:2], *errors, warnings[2])
    out = github.format_report(report, Context(cwd=str(tmp_path)))
    lines = _lines(out)
    parsed = [parse_command(line) for line in lines]
    kinds = [p[0] if p else "plain" for p in parsed]
    assert kinds == ["error"] * 10 + ["warning"] * 3 + ["plain"] * 15 + ["notice"]
    annotated = [p[1]["file"] for p in parsed[:13] if p]
    assert annotated == [f"e{i:02}.yaml" for i in range(10)] + ["w0.yaml", "w1.yaml", "w2.yaml"]
    # The rest, as the text format prints them, in report order.
    rest = Report((), tuple(errors[10:]))
    assert lines[13:28] == text.format_findings(rest)
    notice = parsed[-1]
    assert notice is not None and notice[1] == {}
    assert "15" in notice[2] and "28" in notice[2]
    assert "not annotated" in notice[2] and "summary" in notice[2]


def test_github_notice_budget_leaves_room_for_the_summary_notice(tmp_path: Path) -> None:
    infos = [finding(f"i{i:02}.yaml", code="CL108", severity=Severity.INFO) for i in range(12)]
    out = github.format_report(report_of(*infos), Context(cwd=str(tmp_path)))
    parsed = [parse_command(line) for line in _lines(out)]
    notices = [p for p in parsed if p and p[0] == "notice"]
    assert len(notices) == 10  # GitHub shows 10: 9 findings and the one about the rest
    assert sum(1 for p in parsed if p is None) == 3
    assert "3 of 12" in notices[-1][2]
    # Exactly 10 of a type fit: all annotated, no summary notice.
    out = github.format_report(report_of(*infos[:10]), Context(cwd=str(tmp_path)))
    assert [p[0] for p in map(parse_command, _lines(out)) if p] == ["notice"] * 10
    assert len(_lines(out)) == 10


def test_github_plain_lines_cannot_inject_commands(tmp_path: Path) -> None:
    evil = "value\n::error file=x.yaml::injected\r::add-mask::secret"
    findings = [finding(f"e{i:02}.yaml", message=evil) for i in range(12)]
    out = github.format_report(report_of(*findings), Context(cwd=str(tmp_path)))
    for line in _lines(out):
        parsed = parse_command(line)
        if parsed is not None:
            assert parsed[0] in ("error", "notice")
            assert parsed[0] == "notice" or parsed[2] == evil


def test_github_clean_run_prints_nothing(tmp_path: Path) -> None:
    assert github.format_report(report_of(clean=("a.yaml",)), Context(cwd=str(tmp_path))) == ""


def test_step_summary_lists_every_finding() -> None:
    findings = (
        finding(message="a | pipe and\na newline\r\nand more"),
        *(finding(f"e{i}.yaml", line=i + 1) for i in range(24)),
        *(finding(f"w{i}.yaml", code="CL102", severity=Severity.WARNING) for i in range(3)),
    )
    report = report_of(*findings, clean=("ok.yaml",))
    summary = github.step_summary(report)
    rows = [line for line in summary.splitlines() if line.startswith("| ")]
    assert rows[0] == "| file:line | code | severity | message |"
    rows = rows[1:]
    assert len(rows) == len(findings)
    cells = [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]
    assert all(len(row) == 4 for row in cells)
    assert cells[0] == [
        "`contracts/ranking.yaml:3`",
        "`CL101 missing-fallback`",
        "error",
        "a \\| pipe and<br>a newline<br>and more",
    ]
    assert cells[-1][2] == "warning"
    assert summary.endswith("\n\n**29 contracts in 29 files checked: 25 errors, 3 warnings**\n")


def test_step_summary_names_files_as_the_annotations_do(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    cwd = workspace / "service"
    findings = (finding("./specs/a.yaml"), finding("../shared/b.yaml"))
    context = Context(cwd=str(cwd), workspace=str(workspace))
    annotated = [
        parsed[1]["file"]
        for parsed in map(
            parse_command, _lines(github.format_report(report_of(*findings), context))
        )
        if parsed
    ]
    assert annotated == ["service/specs/a.yaml", "shared/b.yaml"]
    summary = github.step_summary(report_of(*findings), context)
    assert [row.split(" | ")[0] for row in summary.splitlines() if row.startswith("| `")] == [
        "| `service/specs/a.yaml:3`",
        "| `shared/b.yaml:3`",
    ]
    # Without a context, as the annotations without a workspace: from the cwd.
    assert "| `specs/a.yaml:3` |" in github.step_summary(report_of(*findings))


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("a_b*c*_d.yaml:3", "`a_b*c*_d.yaml:3`"),
        ("it`s.yaml:3", "``it`s.yaml:3``"),
        ("``two``.yaml:3", "``` ``two``.yaml:3 ```"),
        ("`x.yaml:3", "`` `x.yaml:3 ``"),
        (" padded :3 ", "`  padded :3  `"),
    ],
)
def test_code_span_keeps_the_text_literal(value: str, span: str) -> None:
    assert github.code_span(value) == span
    # What CommonMark shows: the content between the fences, one space off each side
    # when it both starts and ends with one.
    fence = len(span) - len(span.lstrip("`"))
    inner = span[fence:-fence]
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    assert inner == value
    assert "`" * fence not in value


def test_step_summary_paths_and_codes_are_code_spans() -> None:
    f = finding("docs/__init__*draft*`v2`.yaml", message="say *why*")
    summary = github.step_summary(report_of(f))
    (row,) = [line for line in summary.splitlines() if line.startswith("| ``")]
    assert row == (
        "| ``docs/__init__*draft*`v2`.yaml:3`` | `CL101 missing-fallback` | error | say *why* |"
    )


def test_outputs_and_step_summary_start_a_line_of_their_own(tmp_path: Path) -> None:
    report = report_of(finding())
    output = tmp_path / "output"
    output.write_text("previous=1", encoding="utf-8")  # a step wrote it without a newline
    assert github.ends_mid_line(str(output))
    with output.open("a", encoding="utf-8") as handle:
        handle.write(github.outputs(report, mid_line=github.ends_mid_line(str(output))))
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["previous=1", "errors=1"]
    assert not github.ends_mid_line(str(output))
    assert not github.ends_mid_line(str(tmp_path / "missing"))
    (tmp_path / "empty").write_bytes(b"")
    assert not github.ends_mid_line(str(tmp_path / "empty"))
    assert github.outputs(report, mid_line=False).startswith("errors=1\n")
    for summary in (report, report_of()):
        assert github.step_summary(summary, mid_line=True).startswith("\n")
        assert not github.step_summary(summary).startswith("\n")


def test_step_summary_of_a_clean_run_is_one_line() -> None:
    summary = github.step_summary(report_of(clean=("a.yaml", "b.yaml")))
    assert summary.count("\n") == 1
    assert summary == "**contractlint**: All 2 contracts clean\n"
    others = Report((*report_of(clean=("a.yaml",)).files, FileResult("deploy.yaml", (), 0)))
    assert github.step_summary(others) == (
        "**contractlint**: 1 contract clean (1 other file holds no contract)\n"
    )
    nothing = github.step_summary(Report((FileResult("deploy.yaml", (), 0),)))
    assert nothing.count("\n") == 1
    assert nothing.startswith("**contractlint**: No contract found in 1 file (a contract has ")


def test_step_summary_stays_under_the_github_limit() -> None:
    long = "x" * 2000
    findings = [finding(f"f{i}.yaml", message=long) for i in range(1000)]
    summary = github.step_summary(report_of(*findings))
    assert len(summary.encode()) < 1024 * 1024
    assert "more findings are not shown" in summary
    assert summary.endswith("\n**1,000 contracts in 1,000 files checked: 1,000 errors**\n")


def test_outputs_counts() -> None:
    report = report_of(
        finding(),
        finding(line=5),
        finding(code="CL102", severity=Severity.WARNING),
        finding(code="CL108", severity=Severity.INFO),
    )
    assert github.outputs(report) == "errors=2\nwarnings=1\ninfos=1\nfindings=4\n"
    assert github.outputs(report_of()) == "errors=0\nwarnings=0\ninfos=0\nfindings=0\n"


def test_the_formats_are_registered() -> None:
    assert FORMATTERS["github"] is github.format_report
    assert FORMATTERS["sarif"] is sarif.format_report
    assert FORMATTERS["junit"] is junit.format_report
    assert FORMATTERS["gitlab"] is gitlab.format_report


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="file names as bytes")
def test_a_sarif_report_names_a_file_whose_name_is_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its URI carries the name's bytes, percent-encoded (the report used to fail with
    an internal error on such a name)."""
    from click.testing import CliRunner

    from contractlint.cli.commands import cli

    (tmp_path / ".git").mkdir()
    folder = os.fsencode(tmp_path / "odd")
    os.mkdir(folder)
    with open(os.path.join(folder, b"bad\xff.yaml"), "wb") as handle:
        handle.write(b"kind: model-contract\nname: x\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "sarif", "odd"])
    assert result.exit_code == 1, result.output
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(result.stdout)["runs"]
        for finding in run["results"]
        for location in finding["locations"]
    }
    assert uris == {"odd/bad%FF.yaml"}


def test_the_built_in_rules_descriptors_are_the_rules_own() -> None:
    """SARIF reads every built-in rule's descriptor from a file made from the rules
    (importing and explaining them all took half a report's time): it must be theirs."""
    from contractlint.formatters import sarif

    with open(sarif.BUILT_IN_RULES, encoding="utf-8") as handle:
        shipped = handle.read()
    assert shipped == sarif.describe_built_in_rules(), (
        "src/contractlint/formatters/sarif_rules.json is out of date: regenerate it with "
        "`python -m contractlint.formatters.sarif`"
    )
