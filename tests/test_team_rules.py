"""Team rules (SPEC section 8): declared in the configuration, checked when it is read,
and treated like a built-in rule everywhere, through the CLI as a team uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint import jsonpath, pointer, team

from conftest import contractlint

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
    rationale: Personal data is kept no longer than its purpose needs.
    remediation: Add retention_days to the field.
    docs: https://wiki.example.com/pii-retention
"""
CONTRACT = """\
kind: model-contract
name: x
request:
  fields:
    - {name: email, pii: true}
    - {name: country, pii: false}
    - {name: phone, pii: true, retention_days: 30}
"""


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return contractlint(folder, *args)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_text(RULE)
    (tmp_path / "c.yaml").write_text(CONTRACT)
    return tmp_path


def found(run: subprocess.CompletedProcess[str], code: str = "ACME101") -> list[Any]:
    return [
        (f["line"], f["column"], f["severity"], f["message"])
        for f in json.loads(run.stdout)["findings"]
        if f["code"] == code
    ]


def test_a_team_rule_points_at_the_exact_node(project: Path) -> None:
    run = cli(project, "check", "--format", "json", "c.yaml")
    assert found(run) == [(5, 7, "error", "PII field request.fields[0] has no retention_days")]


def test_a_given_with_cjk_names_in_shorthand_works_as_rfc_9535_says(tmp_path: Path) -> None:
    """`$.名前` is valid RFC 9535 (name-char takes U+0080 to U+D7FF); jsonpath-rfc9535
    1.0.1 refuses it, so contractlint reads the name in brackets (`jsonpath.parse`)."""
    (tmp_path / ".git").mkdir()
    rule = {
        "name": "owner-has-a-name",
        "given": "$['x-チーム'].担当者[*]",
        "then": {"field": "氏名", "function": "truthy"},
        "message": "{path} has no {field}",
    }
    (tmp_path / ".contractlint.yaml").write_text(
        yaml.safe_dump({"rules": {"ACME101": rule}}, allow_unicode=True), encoding="utf-8"
    )
    document = "kind: problem-framing\nname: n\nx-チーム:\n  担当者:\n"
    document += "    - 氏名: 山田\n    - 氏名: ''\n"
    (tmp_path / "c.yaml").write_text(document, encoding="utf-8")
    run = cli(tmp_path, "check", "--format", "json", "c.yaml")
    assert found(run) == [(6, 11, "warning", "x-チーム.担当者[1].氏名 has no 氏名")], run.stderr


def test_a_value_with_line_breaks_is_shown_on_one_line(tmp_path: Path) -> None:
    """A contract's value cannot forge a line of the text report through `{value}`."""
    (tmp_path / ".git").mkdir()
    rule = {"name": "r", "given": "/name", "then": {"function": "pattern", "match": "^x$"}}
    rule["message"] = "name {value} is not x"
    (tmp_path / ".contractlint.yaml").write_text(yaml.safe_dump({"rules": {"ACME101": rule}}))
    forged = "sam\nc.yaml:1:1: CL101 [error] forged (missing-fallback)"
    (tmp_path / "c.yaml").write_text(yaml.safe_dump({"kind": "problem-framing", "name": forged}))
    run = cli(tmp_path, "check", "--select", "ACME", "c.yaml")
    lines = run.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("c.yaml:") and "ACME101" in lines[0]
    assert "forged" in lines[0] and lines[1].startswith("1 contract")


def test_cl_selects_the_built_in_rules_and_all_the_teams_too(project: Path) -> None:
    """`CL` is a prefix like any other; `ALL` (the default) is every rule."""
    assert found(cli(project, "check", "--format", "json", "c.yaml"))
    assert found(cli(project, "check", "--format", "json", "--select", "ALL", "c.yaml"))
    only_ours = cli(project, "check", "--format", "json", "--select", "CL", "c.yaml")
    assert found(only_ours) == [] and json.loads(only_ours.stdout)["findings"]
    (project / ".contractlint.yaml").write_text(
        RULE + "per-file-ignores: {'c.yaml': [ALL]}\n", encoding="utf-8"
    )
    assert json.loads(cli(project, "check", "--format", "json", "c.yaml").stdout)["findings"] == []


def test_select_ignore_severity_and_per_file_ignores_take_its_code_and_name(
    project: Path,
) -> None:
    assert found(cli(project, "check", "--format", "json", "--select", "ACME101", "c.yaml"))
    assert found(cli(project, "check", "--format", "json", "--select", "ACME", "c.yaml"))
    assert found(cli(project, "check", "--format", "json", "--select", "CL1", "c.yaml")) == []
    for ignored in ("ACME101", "pii-field-needs-retention"):
        assert found(cli(project, "check", "--format", "json", "--ignore", ignored, "c.yaml")) == []
    (project / ".contractlint.yaml").write_text(
        RULE + "severity: {pii-field-needs-retention: info}\n"
    )
    assert found(cli(project, "check", "--format", "json", "c.yaml"))[0][2] == "info"
    (project / ".contractlint.yaml").write_text(RULE + "per-file-ignores: {'c.yaml': [ACME1]}\n")
    assert found(cli(project, "check", "--format", "json", "c.yaml")) == []


@pytest.mark.parametrize("token", ["ACME101", "pii-field-needs-retention"])
def test_suppressions_take_its_code_and_name(project: Path, token: str) -> None:
    lines = CONTRACT.splitlines()
    lines[4] += f"  # contractlint: disable={token} -- agreed with legal"
    (project / "c.yaml").write_text("\n".join(lines) + "\n")
    run = cli(project, "check", "--format", "json", "c.yaml")
    assert found(run) == [] and found(run, "CL008") == []
    ignored = CONTRACT + f"x-contractlint-ignore: {{{token}: agreed}}\n"
    (project / "c.yaml").write_text(ignored)
    assert found(cli(project, "check", "--format", "json", "c.yaml")) == []


def test_a_baseline_holds_it_back(project: Path) -> None:
    cli(project, "check", "--write-baseline", "base.json", "c.yaml")
    run = cli(project, "check", "--format", "json", "--baseline", "base.json", "c.yaml")
    assert found(run) == [] and json.loads(run.stdout)["summary"]["baselined"] >= 1


def test_sarif_carries_its_metadata_and_documentation(project: Path) -> None:
    run = cli(project, "check", "--format", "sarif", "c.yaml")
    rules = json.loads(run.stdout)["runs"][0]["tool"]["driver"]["rules"]
    (descriptor,) = [r for r in rules if r["id"] == "ACME101"]
    assert descriptor["name"] == "pii-field-needs-retention"
    assert descriptor["helpUri"] == "https://wiki.example.com/pii-retention"
    assert descriptor["defaultConfiguration"] == {"level": "error"}
    assert "Personal data is kept" in descriptor["help"]["text"]


@pytest.mark.parametrize("fmt", ["github", "gitlab", "junit", "text"])
def test_every_format_reports_it(project: Path, fmt: str) -> None:
    assert "ACME101" in cli(project, "check", "--format", fmt, "c.yaml").stdout


def test_rules_and_explain_list_and_explain_it(project: Path) -> None:
    listed = cli(project, "rules").stdout.splitlines()
    assert listed[-1].startswith("ACME101  pii-field-needs-retention")
    for spelling in ("ACME101", "pii-field-needs-retention"):
        explained = cli(project, "explain", spelling)
        assert explained.returncode == 0
        assert "Personal data is kept no longer" in explained.stdout
        assert "https://wiki.example.com/pii-retention" in explained.stdout
    data = json.loads(cli(project, "explain", "ACME101", "--format", "json").stdout)
    assert data["documentation"] == "https://wiki.example.com/pii-retention"


def test_changing_a_rule_invalidates_the_cache(project: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTRACTLINT_")}

    def messages() -> list[str]:
        run = subprocess.run(
            [sys.executable, "-m", "contractlint", "check", "--format", "json", "c.yaml"],
            cwd=project,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        return [f["message"] for f in json.loads(run.stdout)["findings"] if f["code"] == "ACME101"]

    assert messages() == ["PII field request.fields[0] has no retention_days"]
    (project / ".contractlint.yaml").write_text(RULE.replace("has no retention_days", "lacks it"))
    assert messages() == ["PII field request.fields[0] lacks it"]


# Each function: (then, a value of `x` that holds, one that does not).
FUNCTIONS = [
    ({"function": "truthy"}, "yes", ""),
    ({"function": "falsy"}, 0, 1),
    ({"function": "defined"}, 1, None),  # None: the field is absent
    ({"function": "undefined"}, None, 1),
    ({"function": "not-placeholder"}, "ranker", "TBD"),
    ({"function": "pattern", "match": "^@"}, "@team", "team"),
    ({"function": "pattern", "not-match": "tmp"}, "prod", "tmp-1"),
    ({"function": "enum", "values": ["a", "b"]}, "a", "c"),
    ({"function": "length", "min": 2, "max": 3}, [1, 2], [1]),
    ({"function": "lt", "value": 10}, 9, 10),
    ({"function": "lte", "value": 10}, 10, 11),
    ({"function": "gt", "value": 10}, 11, 10),
    ({"function": "gte", "value": 10}, 10, 9),
    ({"function": "schema", "schema": {"type": "integer", "minimum": 1}}, 3, 0),
]


@pytest.mark.parametrize(("then", "holds", "fails"), FUNCTIONS, ids=lambda v: str(v)[:24])
def test_each_function(tmp_path: Path, then: dict[str, Any], holds: Any, fails: Any) -> None:
    (tmp_path / ".git").mkdir()
    rule = {
        "name": "x-rule",
        "given": "/x-team",
        "then": {"field": "x", **then},
        "message": "{field} is {value}",
    }
    (tmp_path / ".contractlint.yaml").write_text(yaml.safe_dump({"rules": {"TEAM001": rule}}))
    outcomes = []
    for value in (holds, fails):
        body = {} if value is None else {"x": value}
        document = {"kind": "problem-framing", "name": "n", "x-team": body}
        (tmp_path / "c.yaml").write_text(yaml.safe_dump(document))
        outcomes.append(found(cli(tmp_path, "check", "--format", "json", "c.yaml"), "TEAM001"))
    assert outcomes[0] == [] and len(outcomes[1]) == 1


@pytest.mark.parametrize(
    ("rule", "complaint"),
    [
        ({"function": "sha256"}, "`function`: `sha256` is not one of"),
        ({"given": "$.request[?(@.x"}, "is not an RFC 9535 JSONPath"),
        ({"given": "request.fields"}, "neither a JSONPath"),
        ({"given": "/x-a~2b"}, "is not an RFC 6901 JSON Pointer"),
        ({"message": "{value.__class__}"}, "`{value.__class__}` is not allowed"),
        ({"message": "{0}"}, "`{0}` is not allowed"),
        ({"message": "{missing}"}, "`{missing}` is not allowed"),
        ({"message": "{value!r}"}, "`{value!r}` is not allowed"),
        ({"message": "{value:>{path}}"}, "is not allowed"),
        ({"name": "Not_Kebab"}, "is not kebab-case"),
        ({"name": "missing-fallback"}, "is already a rule's name"),
        ({"pattern": "("}, "not a regular expression"),
        ({"pattern": "a{4294967296}"}, "not a regular expression"),  # an OverflowError
        ({"function": "lt"}, "`lt` needs `value`"),
        ({"function": "length", "min": 5, "max": 2}, "`min` 5 is above `max` 2"),
        ({"kinds": ["deployment"]}, "`deployment` is not a kind"),
        ({"surprise": 1}, "surprise`"),
    ],
)
def test_a_bad_rule_is_a_clear_error_naming_the_rule_and_key(
    tmp_path: Path, rule: dict[str, Any], complaint: str
) -> None:
    (tmp_path / ".git").mkdir()
    body: dict[str, Any] = {
        "name": "ok-rule",
        "given": "/owners",
        "then": {"field": "scope", "function": "defined"},
        "message": "m {path}",
    }
    if "function" in rule:
        body["then"] = {"field": "scope", **rule}
    elif "pattern" in rule:
        body["then"] = {"function": "pattern", "match": rule["pattern"]}
    else:
        body.update(rule)
    (tmp_path / ".contractlint.yaml").write_text(yaml.safe_dump({"rules": {"ACME101": body}}))
    (tmp_path / "c.yaml").write_text(CONTRACT)
    run = cli(tmp_path, "check", "c.yaml")
    assert run.returncode == 2 and run.stdout == ""
    assert "ACME101" in run.stderr and complaint in run.stderr, run.stderr
    assert ".contractlint.yaml:" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("missing", "complaint"),
    [
        (["message"], "`rules`: `ACME101`: `message` is required"),
        (["given"], "`rules`: `ACME101`: `given` is required"),
        (["given", "then", "message"], "`given`, `then`, `message` are required"),
    ],
)
def test_a_rule_missing_a_key_names_the_key(
    tmp_path: Path, missing: list[str], complaint: str
) -> None:
    (tmp_path / ".git").mkdir()
    body = {"name": "ok-rule", "given": "/owners", "then": {"function": "defined"}, "message": "m"}
    for key in missing:
        del body[key]
    (tmp_path / ".contractlint.yaml").write_text(yaml.safe_dump({"rules": {"ACME101": body}}))
    (tmp_path / "c.yaml").write_text(CONTRACT)
    run = cli(tmp_path, "check", "c.yaml")
    assert run.returncode == 2 and complaint in run.stderr, run.stderr
    assert ".contractlint.yaml:2:" in run.stderr


@pytest.mark.parametrize(
    ("config", "complaint"),
    [
        (
            "rules:\n  ACME101: {name: one, given: /a, then: {function: defined}, message: m}\n"
            "  ACME101: {name: two, given: /b, then: {function: defined}, message: m}\n",
            ".contractlint.yaml:3: `ACME101` is written twice in one mapping (lines 2 and 3)",
        ),
        ("ignore: [CL101]\nignore: [CL102]\n", "`ignore` is written twice"),
        (
            "severity: {CL101: info, CL101: error}\n",
            "`CL101` is written twice in one mapping (line 1)",
        ),
    ],
)
def test_a_key_written_twice_in_the_config_is_exit_2(
    tmp_path: Path, config: str, complaint: str
) -> None:
    """YAML loaders let the last of two equal keys win: two rules of one code would
    silently be one. The configuration refuses it, as CL004 does in a contract."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_text(config)
    (tmp_path / "c.yaml").write_text(CONTRACT)
    run = cli(tmp_path, "check", "c.yaml")
    assert run.returncode == 2 and run.stdout == "" and complaint in run.stderr, run.stderr


def test_a_merge_key_in_the_config_is_no_duplicate(tmp_path: Path) -> None:
    """`<<` merges keys that the mapping then writes again: that is no duplicate."""
    from contractlint.config import _read_config

    path = tmp_path / ".contractlint.yaml"
    path.write_text("a: &base {x: 1, y: 2}\nb: {<<: *base, x: 3}\n")
    table, _ = _read_config(path)
    assert table == {"a": {"x": 1, "y": 2}, "b": {"x": 3, "y": 2}}


@pytest.mark.parametrize("keyword", ["$ref", "$dynamicRef", "$recursiveRef"])
@pytest.mark.parametrize("target", ["file://{outside}#meta", "https://example.com/s.json#m"])
def test_a_rule_schema_never_reads_or_fetches_what_it_refers_to(
    tmp_path: Path, keyword: str, target: str
) -> None:
    """A `then: schema` that refers out of itself is exit 2 naming the rule and key, as a
    declared kind's schema file is: nothing outside the project is read, nothing fetched."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    outside = tmp_path / "outside.json"
    anchored = {"$id": str(outside), "$dynamicAnchor": "meta", "type": "integer"}
    outside.write_text(json.dumps(anchored))
    schema = {keyword: target.format(outside=outside)}
    rule = {"name": "probe", "given": "$.name", "then": {"function": "schema", "schema": schema}}
    rule["message"] = "m"
    (project / ".contractlint.yaml").write_text(yaml.safe_dump({"rules": {"ACME101": rule}}))
    (project / "c.yaml").write_text(CONTRACT)
    run = cli(project, "check", "c.yaml")
    assert run.returncode == 2 and run.stdout == ""
    assert "ACME101" in run.stderr and "leaves the file" in run.stderr, run.stderr


def test_a_schema_validator_retrieves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below the check when the configuration is read: the validators of a team's
    schemas have a registry that refuses to read a file or fetch a URL."""
    import urllib.request

    from contractlint import schemas

    opened: list[str] = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda url, *a, **k: opened.append(url))
    outside = tmp_path / "outside.json"
    anchored = {"$id": str(outside), "$dynamicAnchor": "meta", "type": "integer"}
    outside.write_text(json.dumps(anchored))
    for ref in (f"file://{outside}#meta", "https://example.com/s.json"):
        validator = schemas.text_validator(json.dumps({"$dynamicRef": ref, "$ref": ref}))
        with pytest.raises(Exception, match="Unresolvable"):
            validator.is_valid("x")
    assert opened == []


@pytest.mark.parametrize("depth", [900, 5000])
def test_a_rule_schema_nested_too_deeply_is_a_clear_error(tmp_path: Path, depth: int) -> None:
    """Below Python's recursion limit the schema check says so; far past it, reading the
    configuration does: exit 2 either way, never an internal error."""
    (tmp_path / ".git").mkdir()
    schema = '{"type": "string"}'
    for _ in range(depth):
        schema = '{"not": ' + schema + "}"
    rule = '{"name": "deep", "given": "$.name", "then": {"function": "schema", "schema": %s}, '
    config = '{"rules": {"ACME101": ' + rule % schema + '"message": "m"}}}'
    (tmp_path / ".contractlint.yaml").write_text(config)
    (tmp_path / "c.yaml").write_text(CONTRACT)
    run = cli(tmp_path, "check", "c.yaml")
    assert run.returncode == 2 and "nested too deeply" in run.stderr, run.stderr[-300:]
    assert "internal error" not in run.stderr


@pytest.mark.parametrize("code", ["CL900", "cl101", "A123", "ACME1", "TOOLONGNAME1234"])
def test_a_code_in_the_wrong_form_is_refused(tmp_path: Path, code: str) -> None:
    (tmp_path / ".git").mkdir()
    rule = {"name": "r", "given": "/", "then": {"function": "truthy"}, "message": "m"}
    (tmp_path / ".contractlint.yaml").write_text(yaml.safe_dump({"rules": {code: rule}}))
    run = cli(tmp_path, "check", ".")
    assert run.returncode == 2 and f"rule `{code}`" in run.stderr


def test_no_template_or_key_runs_code(tmp_path: Path) -> None:
    """Every way a template could reach an object's attributes is refused, and a rule's
    `given` reads the document only: a pointer to a file path reads nothing."""
    for template in ("{value.__init__.__globals__}", "{path[0]}", "{field.__class__}"):
        with pytest.raises(team.TeamRuleError):
            team.check_template(template, "rule")
    rule = team.parse_rules(
        {
            "ACME001": {
                "name": "r",
                "given": "/etc/passwd",
                "then": {"function": "defined"},
                "message": "{value}",
            }
        },
        frozenset(),
        frozenset(),
    )
    assert team._selection(rule[0].given[0])({"kind": "model-contract"}) == []


def _walk(value: Any, here: str = "") -> list[tuple[str, Any]]:
    """Every (pointer, value) below ``value`` whose key is `x`, by a plain walk."""
    found: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "x":
                found.append((pointer.child(here, key), item))
            found += _walk(item, pointer.child(here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _walk(item, pointer.child(here, index))
    return found


_keys = st.sampled_from(["x", "y", "a/b", "~z"])
_values = st.recursive(
    st.one_of(st.integers(), st.text(max_size=3), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=3)),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None)
@given(document=st.dictionaries(_keys, _values, max_size=4))
def test_given_finds_the_same_nodes_as_a_plain_walk(document: dict[str, Any]) -> None:
    selected = team._selection("$..x")(document)
    by_path = sorted(((pointer.from_path(at), v) for at, v in selected), key=lambda node: node[0])
    by_walk = sorted(_walk(document), key=lambda node: node[0])
    assert [p for p, _ in by_path] == [p for p, _ in by_walk]
    for path, value in by_path:
        assert pointer.resolve(document, path) == value


_lone_paths = st.sampled_from(
    ["/x", "/y/x", "/x/0", "/a~1b/~0z", "", "$.x", "$.y.x", "$.x[0]", "$['a/b']['~z']", "$"]
)
_lone_then = st.sampled_from(
    [
        {"function": "truthy"},
        {"function": "defined"},
        {"function": "undefined"},
        {"function": "not-placeholder"},
        {"function": "gt", "value": 0},
        {"function": "length", "max": 1},
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    document=st.dictionaries(_keys, _values, max_size=4),
    path=_lone_paths,
    then=_lone_then,
)
def test_a_rule_on_one_node_finds_what_the_general_check_finds(
    document: dict[str, Any], path: str, then: dict[str, Any]
) -> None:
    """A rule whose `given` selects one node at most runs a lean check of its own:
    it reports what the general check reports (the same rule given the path twice,
    whose findings are one per node)."""
    from contractlint.config import Config
    from contractlint.model import Document

    body = {"name": "lone", "given": path, "then": then, "message": "{path} {value}"}
    lone = team.compile_rule(team.parse_rules({"ACME001": body}, frozenset(), frozenset())[0])
    body = {**body, "given": [path, path]}
    general = team.compile_rule(team.parse_rules({"ACME001": body}, frozenset(), frozenset())[0])
    doc = Document("d.yaml", 0, "model-contract", document, {}, {}, {})
    options = Config().rule_options
    assert lone.check is not None and general.check is not None
    assert list(lone.check(doc, options)) == list(general.check(doc, options))


README = Path(__file__).resolve().parent.parent / "README.md"


def _readme_block(name: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"<!-- your-own-rules:{name} -->")
    end = text.index(f"<!-- /your-own-rules:{name} -->")
    block = text[start:end]
    return block[block.index("\n```") + 1 :].split("\n", 1)[1].rsplit("```", 1)[0]


def test_the_readme_example_gives_what_the_readme_says(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_text(_readme_block("config"))
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "ranking.yaml").write_text(_readme_block("contract"))
    command, *expected = _readme_block("output").splitlines()
    run = cli(tmp_path, *command.split()[2:])
    assert run.stdout.splitlines() == expected


_patterns = st.sampled_from(["a.*", "^b", "[0-9]+", "a|b", "(", "\\d", ".", "x{2}", "[^a]"])


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(st.one_of(st.text("ab1x\n", max_size=4), st.integers(), st.none()), max_size=5),
    pattern=_patterns,
    function=st.sampled_from(["match", "search"]),
)
def test_cached_match_and_search_agree_with_the_library(
    values: list[Any], pattern: str, function: str
) -> None:
    import jsonpath_rfc9535

    query = f"$[?{function}(@, {json.dumps(pattern)})]"
    ours = [node.location for node in jsonpath._environment().compile(query).finditer(values)]
    theirs = [node.location for node in jsonpath_rfc9535.compile(query).finditer(values)]
    assert ours == theirs


# `extends` -------------------------------------------------------------------------

BASE = """\
rules:
  ACME102:
    name: oncall-is-a-team-handle
    given: /owners
    then: {field: oncall, function: pattern, match: "^@"}
    message: "owners.oncall `{value}` is not a @team handle"
"""
ONCALL = (
    "kind: model-contract\nname: x\nowners: {scope: a, feasibility: b, method: c, oncall: sam}\n"
)


def cli_with(folder: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return contractlint(folder, *args, env=env)


def test_extends_merges_files_and_packages_in_order(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "policy").mkdir(parents=True)
    (project / ".git").mkdir()
    (project / "policy" / "base.yaml").write_text(BASE + "severity: {ACME102: info}\n")
    package = tmp_path / "site" / "acme_policy"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("raise SystemExit('a package is never imported')\n")
    (package / "contractlint.yaml").write_text("ignore: [CL1, CL2, CL5]\n")
    (project / ".contractlint.yaml").write_text(
        "extends: [./policy/base.yaml, pkg:acme_policy/contractlint.yaml]\n"
        "severity: {oncall-is-a-team-handle: error}\n"
    )
    (project / "c.yaml").write_text(ONCALL)
    env = {"PYTHONPATH": str(tmp_path / "site")}
    run = cli_with(project, env, "check", "--format", "json", "c.yaml")
    findings = json.loads(run.stdout)["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("ACME102", "error")]
    described = json.loads(cli_with(project, env, "config", "--format", "json").stdout)
    assert described["extends"] == [
        str((project / "policy" / "base.yaml").resolve()),
        str((package / "contractlint.yaml").resolve()),
    ]


def policy_package(site: Path) -> Path:
    """An installed policy package as a platform team ships one: a config that extends
    another file of the package and names schemas that the package holds."""
    package = site / "acme_policy"
    (package / "schemas").mkdir(parents=True)
    (package / "__init__.py").write_text("raise SystemExit('a package is never imported')\n")
    (package / "contractlint.yaml").write_text(
        "extends: [./rules.yaml]\n"
        "kinds:\n  data-contract: {schema: schemas/data-contract.json}\n"
        "schema-extensions: {model-contract: ./schemas/model-contract.json}\n"
    )
    (package / "rules.yaml").write_text(BASE)
    data_schema = {
        "type": "object",
        "required": ["kind", "name", "dataset"],
        "properties": {"dataset": {"type": "string"}},
    }
    (package / "schemas" / "data-contract.json").write_text(json.dumps(data_schema))
    extension = {"type": "object", "required": ["x-cost-center"]}
    (package / "schemas" / "model-contract.json").write_text(json.dumps(extension))
    return package


def test_a_policy_package_ships_its_schemas_and_its_own_bases(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    package = policy_package(tmp_path / "site")
    (project / ".contractlint.yaml").write_text("extends: [pkg:acme_policy/contractlint.yaml]\n")
    (project / "c.yaml").write_text(ONCALL)
    (project / "d.yaml").write_text("kind: data-contract\nname: orders\n")
    env = {"PYTHONPATH": str(tmp_path / "site")}
    run = cli_with(project, env, "check", "--format", "json", "c.yaml", "d.yaml")
    assert run.returncode == 1, run.stderr
    found = {(f["path"], f["code"], f["message"]) for f in json.loads(run.stdout)["findings"]}
    assert {
        ("c.yaml", "ACME102", "owners.oncall `sam` is not a @team handle"),
        ("c.yaml", "CL003", "the document is missing the required field `x-cost-center`"),
        ("d.yaml", "CL003", "the document is missing the required field `dataset`"),
    } <= found
    described = json.loads(cli_with(project, env, "config", "--format", "json").stdout)
    assert described["extends"] == [
        str((package / "rules.yaml").resolve()),
        str((package / "contractlint.yaml").resolve()),
    ]


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("extends: [../outside.yaml]", "`extends`: `../outside.yaml` is outside the package"),
        (
            "kinds: {data-contract: {schema: ../outside.json}}",
            "outside.json` is outside the package acme_policy",
        ),
        (
            "schema-extensions: {model-contract: /etc/hostname}",
            "the schema `/etc/hostname` is outside the package acme_policy",
        ),
    ],
)
def test_a_policy_package_names_files_inside_itself_only(
    tmp_path: Path, line: str, complaint: str
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".git").mkdir()
    package = policy_package(tmp_path / "site")
    (tmp_path / "site" / "outside.yaml").write_text("ignore: [CL]\n")
    (tmp_path / "site" / "outside.json").write_text("{}")
    (package / "contractlint.yaml").write_text(line + "\n")
    (project / ".contractlint.yaml").write_text("extends: [pkg:acme_policy/contractlint.yaml]\n")
    (project / "c.yaml").write_text(ONCALL)
    run = cli_with(project, {"PYTHONPATH": str(tmp_path / "site")}, "check", "c.yaml")
    assert run.returncode == 2, run.stderr
    assert complaint in run.stderr, run.stderr
    assert f"{(package / 'contractlint.yaml').resolve()}:1:" in run.stderr


@pytest.mark.parametrize(
    ("extends", "complaint"),
    [
        ("[./policy/base.yaml]", "a cycle"),
        ("[../outside.yaml]", "is outside the project"),
        ("[https://example.com/policy.yaml]", "no URL is ever fetched"),
        ("[pkg:no_such_package/x.yaml]", "no installed package holds that file"),
        ("[./policy/missing.yaml]", "the file is not found"),
    ],
)
def test_a_bad_extends_is_a_clear_error(tmp_path: Path, extends: str, complaint: str) -> None:
    project = tmp_path / "project"
    (project / "policy").mkdir(parents=True)
    (project / ".git").mkdir()
    (tmp_path / "outside.yaml").write_text("ignore: [CL]\n")
    (project / "policy" / "base.yaml").write_text("extends: [../.contractlint.yaml]\n")
    (project / ".contractlint.yaml").write_text(f"extends: {extends}\n")
    (project / "c.yaml").write_text(ONCALL)
    run = cli(project, "check", "c.yaml")
    assert run.returncode == 2 and complaint in run.stderr and ".contractlint.yaml" in run.stderr


@pytest.mark.parametrize(
    ("base", "line", "complaint"),
    [
        ("plugins: [no-such-plugin]\n", 1, "no-such-plugin"),
        ("fail-on: error\nselect: [CL1, missing-fallbak]\n", 2, "missing-fallback"),
        ("severity:\n  CL101: info\n  CL9999: error\n", 3, "CL9999"),
    ],
)
def test_a_bad_key_from_an_extended_file_names_that_file_and_line(
    tmp_path: Path, base: str, line: int, complaint: str
) -> None:
    """A key merged from a base file is checked after the merge; its error still names
    the file and the line it came from, not the configuration that extends it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "base.yaml").write_text(base)
    (tmp_path / ".contractlint.yaml").write_text("extends: [base.yaml]\nseverity: {CL102: info}\n")
    run = cli(tmp_path, "check", ".")
    assert run.returncode == 2, run.stderr
    prefix = f"contractlint: configuration error: {tmp_path / 'base.yaml'}:{line}:"
    assert run.stderr.startswith(prefix), run.stderr
    assert complaint in run.stderr


def test_a_bad_rule_in_an_extended_file_names_that_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "base.yaml").write_text(BASE.replace("pattern", "regexp"))
    (tmp_path / ".contractlint.yaml").write_text("extends: [base.yaml]\n")
    run = cli(tmp_path, "check", ".")
    assert run.returncode == 2 and "base.yaml:" in run.stderr and "regexp" in run.stderr


_json_values = st.recursive(
    st.sampled_from([None, True, False, 0, 1, 2, 1.0, 2.5, "", "a", "1", "true"]),
    lambda inner: st.one_of(
        st.lists(inner, max_size=2), st.dictionaries(st.sampled_from("ab"), inner, max_size=2)
    ),
    max_leaves=4,
)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(_json_values, min_size=1, max_size=4), value=_json_values)
def test_enum_is_equal_and_of_the_same_type(values: list[Any], value: Any) -> None:
    """`enum`: equal and of the same type (true is not 1, nor 1.0), the set of scalars
    it keeps answering as comparing with each value in turn would."""
    expected = any(value == v and type(value) is type(v) for v in values)
    assert team._value_test("enum", {"values": values})(value) is expected


@pytest.mark.parametrize(
    ("where", "shown"),
    [
        ("/request/fields/0/pii", "request.fields[0].pii"),
        ("/x-d/", "x-d['']"),
        ("/x-d/a b", "x-d['a b']"),
        ("/x-d/a~1b", "x-d['a/b']"),
        ("/x-d/it's", "x-d['it\\'s']"),
        ("/名前/x", "名前.x"),
        ("/1a/b", "['1a'].b"),
        ("", "(the document)"),
    ],
)
def test_path_shows_a_key_that_is_no_plain_word_in_brackets(where: str, shown: str) -> None:
    """`{path}`: two different places never read alike (`x-d.a b` was `x-d` then `a b`?)."""
    assert team._dotted(where) == shown
