"""Declared kinds and schema extensions (SPEC section 8): `kinds:` adds a document kind
with its own JSON Schema, `schema-extensions:` lays a schema over a built-in kind's.
Through the CLI, in a project as a team keeps one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["kind", "name", "dataset"],
    "properties": {
        "kind": {"const": "data-contract"},
        "name": {"type": "string", "minLength": 1},
        "owners": {"type": "object"},
        "dataset": {"type": "string"},
        "retention_days": {"type": "integer", "minimum": 1},
        "status": {"enum": ["n/a", "draft", "final"]},
        "columns": {"type": "array", "items": {"$ref": "#/$defs/column"}},
    },
    "patternProperties": {"^x-": {}},
    "additionalProperties": False,
    "$defs": {
        "column": {
            "type": "object",
            "required": ["name", "type"],
            "properties": {"name": {"type": "string"}, "type": {"type": "string"}},
        }
    },
}
EXTENSION: dict[str, Any] = {
    "type": "object",
    "required": ["name", "x-cost-center"],
    "properties": {"x-cost-center": {"type": "string", "pattern": "^CC-[0-9]+$"}},
}
CONFIG = """\
kinds:
  data-contract: {schema: ./schemas/data-contract.schema.json}
schema-extensions:
  model-contract: ./schemas/acme-model-contract.schema.json
rules:
  ACME201:
    name: dataset-needs-retention
    severity: error
    kinds: [data-contract]
    given: "$"
    then: {field: retention_days, function: defined}
    message: "the data contract has no {field}"
"""
DATA = """\
kind: data-contract
name: orders
status: n/a
owners:
  scope: pm@example.com
  feasibility: eng@example.com
  method: ds@example.com
dataset: warehouse.orders
retention_days: 0
columns:
  - {name: id, type: string}
  - {name: amount}
"""
OWNERS = "owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}"


def cli(
    folder: Path, *args: str, cache: bool = False, check: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CONTRACTLINT_OUTPUT_FORMAT", None)
    env.pop("GITHUB_ACTIONS", None)
    if cache:
        env.pop("CONTRACTLINT_NO_CACHE", None)
    else:
        env["CONTRACTLINT_NO_CACHE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "contractlint", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=check,
        env=env,
    )


def write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    write_json(root / "schemas" / "data-contract.schema.json", DATA_SCHEMA)
    write_json(root / "schemas" / "acme-model-contract.schema.json", EXTENSION)
    (root / ".contractlint.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "orders.yaml").write_text(DATA, encoding="utf-8")
    return root


def findings(run: subprocess.CompletedProcess[str]) -> list[tuple[str, int, int, str, str]]:
    assert run.returncode in (0, 1), run.stderr
    return [
        (f["path"], f["line"], f["column"], f["code"], f["message"])
        for f in json.loads(run.stdout)["findings"]
    ]


def codes(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [code for _, _, _, code, _ in findings(run)]


# --- a declared kind is a contract ------------------------------------------------------


def test_a_declared_kind_is_validated_against_its_schema(project: Path) -> None:
    found = findings(cli(project, "check", "--format", "json", "orders.yaml"))
    assert ("orders.yaml", 9, 17, "CL003", "`retention_days` must be at least 1, got `0`") in found
    assert (
        "orders.yaml",
        12,
        5,
        "CL003",
        "`columns[1]` is missing the required field `type`",
    ) in found
    # `status: n/a` is a value the declared schema names: no placeholder (CL009).
    assert "CL009" not in [code for *_, code, _ in found]


def test_a_declared_kind_gets_the_universal_rules_and_only_those(project: Path) -> None:
    (project / "orders.yaml").write_text(
        "kind: data-contract\nname: TBD\ndataset: x\nretention_days: 3\n"
        "owners:\n  scope: pm@example.com\n",
        encoding="utf-8",
    )
    found = findings(cli(project, "check", "--format", "json", "orders.yaml"))
    assert sorted(code for *_, code, _ in found) == ["CL009", "CL401", "CL401"]
    messages = {message for *_, code, message in found if code == "CL401"}
    assert any("`feasibility`" in m for m in messages) and any("`method`" in m for m in messages)
    assert ("orders.yaml", 2, 7, "CL009") in [f[:4] for f in found]


def test_a_team_rule_that_names_the_declared_kind_fires(project: Path) -> None:
    (project / "orders.yaml").write_text(
        f"kind: data-contract\nname: orders\ndataset: x\n{OWNERS}\n", encoding="utf-8"
    )
    run = cli(project, "check", "--format", "json", "orders.yaml")
    assert findings(run) == [
        ("orders.yaml", 1, 1, "ACME201", "the data contract has no retention_days")
    ]
    assert run.returncode == 1
    # A model contract is not what the rule names.
    (project / "m.yaml").write_text("kind: model-contract\nname: m\n", encoding="utf-8")
    assert "ACME201" not in codes(cli(project, "check", "--format", "json", "m.yaml"))


def test_a_team_rule_without_kinds_applies_to_declared_kinds_too(project: Path) -> None:
    config = CONFIG.replace("    kinds: [data-contract]\n", "")
    (project / ".contractlint.yaml").write_text(config, encoding="utf-8")
    (project / "orders.yaml").write_text(
        f"kind: data-contract\nname: orders\ndataset: x\n{OWNERS}\n", encoding="utf-8"
    )
    assert codes(cli(project, "check", "--format", "json", "orders.yaml")) == ["ACME201"]


def test_json_and_markdown_documents_of_a_declared_kind(project: Path) -> None:
    (project / "orders.yaml").unlink()
    (project / "orders.json").write_text(
        json.dumps({"kind": "data-contract", "name": "o", "retention_days": 1}), encoding="utf-8"
    )
    (project / "page.md").write_text(
        "# Orders\n\n```yaml\nkind: data-contract\nname: o\ndataset: 3\nretention_days: 1\n"
        f"{OWNERS}\n```\n",
        encoding="utf-8",
    )
    found = findings(cli(project, "check", "--format", "json", "."))
    assert ("orders.json", 1, 1, "CL003") in [f[:4] for f in found]
    # Line numbers point into the Markdown file; a number where text is meant is CL005.
    assert ("page.md", 6, 10, "CL005") in [f[:4] for f in found]


def test_other_files_stay_silent(project: Path) -> None:
    (project / "deploy.yaml").write_text("kind: Deployment\nname: x\n", encoding="utf-8")
    (project / "other.yaml").write_text("kind: data-contracts-v2\n: [\n", encoding="utf-8")
    run = cli(project, "check", "--format", "json", "deploy.yaml", "other.yaml")
    assert findings(run) == [] and run.returncode == 0
    shown = cli(project, "check", "--show-files", ".").stdout
    rows = dict(line.split(None, 1) for line in shown.splitlines())
    assert rows["orders.yaml"] == "linted"
    assert rows["deploy.yaml"].startswith("skipped") and rows["other.yaml"].startswith("skipped")
    # The schema file says `"kind": {"const": "data-contract"}`: no kind of a contract.
    assert rows["schemas/data-contract.schema.json"].startswith("skipped")


def test_no_contract_found_names_the_declared_kinds(project: Path) -> None:
    """The summary says what a contract is: a declared kind is one too."""
    (project / "orders.yaml").unlink()
    (project / "deploy.yaml").write_text("kind: Deployment\nname: x\n", encoding="utf-8")
    said = (
        "No contract found in 1 file (a contract has kind: model-contract, experiment-plan, "
        "problem-framing, acceptance-checklist or data-contract)"
    )
    run = cli(project, "check", "deploy.yaml")
    assert (run.returncode, run.stdout.strip()) == (0, said), run.stderr
    walked = cli(project, "check", ".").stdout.strip()  # the schemas and the config too
    assert walked == said.replace("1 file", "4 files")
    stdin = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "-", "--stdin-filename", "x.yaml"],
        cwd=project,
        input="kind: Deployment\n",
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "CONTRACTLINT_NO_CACHE": "1"},
    )
    assert (stdin.returncode, stdin.stdout.strip()) == (0, said), stdin.stderr


def test_without_the_declaration_the_kind_is_no_contract(project: Path) -> None:
    (project / ".contractlint.yaml").unlink()
    run = cli(project, "check", "--format", "json", "orders.yaml")
    assert findings(run) == [] and run.returncode == 0


def test_a_misspelt_built_in_kind_is_still_cl002(project: Path) -> None:
    (project / "m.yaml").write_text("kind: model_contract\nname: m\n", encoding="utf-8")
    found = findings(cli(project, "check", "--format", "json", "m.yaml"))
    assert [f[3:] for f in found] == [
        ("CL002", "unknown kind `model_contract`: did you mean `model-contract`?")
    ]


def test_a_broken_declared_document_is_cl001(project: Path) -> None:
    (project / "orders.yaml").write_text("kind: data-contract\nname: [\n", encoding="utf-8")
    assert codes(cli(project, "check", "--format", "json", "orders.yaml")) == ["CL001"]


def test_fix_works_on_a_declared_kind(project: Path) -> None:
    (project / "orders.yaml").write_text(
        f"kind: data-contract\nname: o\ndataset: 2024\nretention_days: 1\n{OWNERS}\n",
        encoding="utf-8",
    )
    assert codes(cli(project, "check", "--format", "json", "orders.yaml")) == ["CL005"]
    cli(project, "check", "--fix", "orders.yaml")
    assert 'dataset: "2024"' in (project / "orders.yaml").read_text(encoding="utf-8")
    assert codes(cli(project, "check", "--format", "json", "orders.yaml")) == []


def test_a_schema_of_another_draft_is_read_as_that_draft(project: Path) -> None:
    draft7 = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {"pair": {"type": "array", "items": [{"type": "string"}]}},
    }
    write_json(project / "schemas" / "data-contract.schema.json", draft7)
    (project / "orders.yaml").write_text(
        f"kind: data-contract\nname: o\nretention_days: 1\n{OWNERS}\npair: [[1]]\n",
        encoding="utf-8",
    )
    found = findings(cli(project, "check", "--format", "json", "orders.yaml"))
    assert [f[1:4] for f in found] == [(5, 8, "CL003")]


def test_a_base_names_its_schemas_relative_to_itself(project: Path) -> None:
    """A shared policy in another folder declares its kinds with schemas beside it, as
    `extends` finds its own files: relative to the file that names them."""
    policy = project / "policy"
    write_json(policy / "schemas" / "dc.schema.json", DATA_SCHEMA)
    write_json(policy / "ext.schema.json", EXTENSION)
    (policy / "base.yaml").write_text(
        "kinds:\n  data-contract: {schema: ./schemas/dc.schema.json}\n"
        "schema-extensions: {model-contract: ext.schema.json}\n",
        encoding="utf-8",
    )
    (project / ".contractlint.yaml").write_text("extends: [./policy/base.yaml]\n")
    found = findings(cli(project, "check", "--format", "json", "orders.yaml"))
    assert ("orders.yaml", 9, 17, "CL003", "`retention_days` must be at least 1, got `0`") in found
    from contractlint import config as config_module

    config = config_module.load(str(project / ".contractlint.yaml"))
    assert config.schema_files == (
        str((policy / "schemas" / "dc.schema.json").resolve()),
        str((policy / "ext.schema.json").resolve()),
    )


def test_the_universal_rules_are_the_ones_a_declared_kind_gets() -> None:
    from contractlint.rules import RULES, UNIVERSAL

    assert {f"CL{n:03d}" for n in range(11)} | {"CL401"} == UNIVERSAL
    for rule in RULES:
        assert rule.universal == (rule.code in UNIVERSAL)
        assert rule.applies_to("data-contract") == rule.universal
        assert all(rule.applies_to(kind) for kind in rule.kinds)


# --- schema extensions --------------------------------------------------------------


def test_an_extension_adds_its_own_schema_violations(project: Path) -> None:
    (project / "m.yaml").write_text(
        "kind: model-contract\nname: ranking\nx-cost-center: acme\n", encoding="utf-8"
    )
    found = findings(cli(project, "check", "--format", "json", "--select", "CL003", "m.yaml"))
    assert len(found) == 1
    assert found[0][1:4] == (3, 16, "CL003")
    assert "x-cost-center" in found[0][4] and "CC-" in found[0][4]
    (project / "m.yaml").write_text("kind: model-contract\n", encoding="utf-8")
    found = findings(cli(project, "check", "--format", "json", "--select", "CL003", "m.yaml"))
    # `name` is required by both schemas: said once.
    assert sorted(message for *_, message in found) == [
        "the document is missing the required field `name`",
        "the document is missing the required field `x-cost-center`",
    ]


def test_each_missing_required_field_is_said_once(project: Path) -> None:
    """`required` fails once per missing field, each error naming them all."""
    (project / "a.yaml").write_text(
        "kind: acceptance-checklist\nname: a\nitems:\n  - {notes: x}\n", encoding="utf-8"
    )
    found = findings(cli(project, "check", "--format", "json", "--select", "CL003", "a.yaml"))
    assert [message for *_, message in found] == [
        "`items[0]` is missing the required field `id`",
        "`items[0]` is missing the required field `status`",
    ]


def test_an_extension_applies_to_its_kind_only(project: Path) -> None:
    (project / "p.yaml").write_text("kind: problem-framing\nname: p\n", encoding="utf-8")
    found = findings(cli(project, "check", "--format", "json", "--select", "CL003", "p.yaml"))
    assert found == []


# --- the configuration --------------------------------------------------------------


def config_error(project: Path, text: str) -> str:
    (project / ".contractlint.yaml").write_text(text, encoding="utf-8")
    run = cli(project, "check", "orders.yaml")
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout == "" and "Traceback" not in run.stderr
    return run.stderr


def test_a_missing_schema_file_is_exit_2_naming_file_line_and_key(project: Path) -> None:
    error = config_error(project, "select: [CL]\nkinds:\n  data-contract: {schema: nope.json}\n")
    assert ".contractlint.yaml:3: `kinds`: `data-contract`" in error
    assert "`nope.json` is not found" in error


def test_a_schema_outside_the_project_is_never_read(project: Path) -> None:
    outside = project.parent / "outside.schema.json"
    write_json(outside, DATA_SCHEMA)
    error = config_error(project, "kinds:\n  data-contract: {schema: ../outside.schema.json}\n")
    assert ".contractlint.yaml:2: `kinds`: `data-contract`" in error
    assert "outside the project" in error
    error = config_error(project, f"kinds:\n  data-contract: {{schema: '{outside}'}}\n")
    assert "outside the project" in error
    (project / "schemas" / "link.json").symlink_to(outside)
    error = config_error(project, "kinds:\n  data-contract: {schema: schemas/link.json}\n")
    assert "outside the project" in error
    error = config_error(project, "schema-extensions:\n  model-contract: ../outside.schema.json\n")
    assert ".contractlint.yaml:2: `schema-extensions`: `model-contract`" in error
    assert "outside the project" in error


def test_a_url_is_never_fetched(project: Path) -> None:
    error = config_error(
        project, "kinds:\n  data-contract:\n    schema: https://example.com/s.json\n"
    )
    assert ".contractlint.yaml:3: `kinds`: `data-contract`" in error and "is a URL" in error
    write_json(
        project / "schemas" / "remote.json",
        {"properties": {"a": {"$ref": "https://example.com/s.json"}}},
    )
    error = config_error(project, "kinds:\n  data-contract: {schema: schemas/remote.json}\n")
    assert "https://example.com/s.json" in error and "leaves the file" in error


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"type": "strin"}', "is not a valid JSON Schema"),
        ('{"type": "object",, }', "is not valid JSON: Expecting property name"),
        ("[1, 2]", "is not a JSON object"),
        ('{"properties": {"a": {"$ref": "#/$defs/nope"}}}', "to nothing in the file"),
        ('{"$schema": "https://example.com/mine"}', "no JSON Schema draft"),
        ('{"pattern": "("}', "is not a valid JSON Schema"),
    ],
)
def test_an_invalid_schema_file_is_exit_2(project: Path, content: str, expected: str) -> None:
    (project / "schemas" / "bad.json").write_text(content, encoding="utf-8")
    for config, where in [
        (
            "kinds:\n  data-contract:\n    schema: schemas/bad.json\n",
            ":3: `kinds`: `data-contract`",
        ),
        ("schema-extensions:\n  model-contract: schemas/bad.json\n", ":2: `schema-extensions`"),
    ]:
        error = config_error(project, config)
        assert where in error and "`schemas/bad.json`" in error and expected in error, error


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("kinds:\n  model-contract: {schema: s.json}\n", "is a built-in kind"),
        ("kinds:\n  Data_Contract: {schema: s.json}\n", "not a kebab-case kind name"),
        ("kinds:\n  data-contract: s.json\n", "expected a mapping with schema"),
        ("kinds:\n  data-contract: {schema: s.json, other: 1}\n", "unknown key"),
        ("schema-extensions:\n  model-contrat: s.json\n", "unknown key"),
        (
            "rules:\n  ACME101:\n    name: x-y\n    kinds: [data-contract]\n    given: $\n"
            "    then: {function: truthy}\n    message: m\n",
            "`data-contract` is not a kind",
        ),
    ],
)
def test_a_bad_declaration_is_exit_2(project: Path, config: str, expected: str) -> None:
    error = config_error(project, config)
    assert ".contractlint.yaml:2" in error or ".contractlint.yaml:4" in error
    assert expected in error, error


def test_kinds_may_be_declared_after_the_rules_that_name_them(project: Path) -> None:
    head, kinds = CONFIG.split("rules:\n")[1], CONFIG.split("rules:\n")[0]
    (project / ".contractlint.yaml").write_text("rules:\n" + head + kinds, encoding="utf-8")
    (project / "orders.yaml").write_text(
        f"kind: data-contract\nname: orders\ndataset: x\n{OWNERS}\n", encoding="utf-8"
    )
    assert codes(cli(project, "check", "--format", "json", "orders.yaml")) == ["ACME201"]


def test_a_pyproject_configuration_declares_kinds(project: Path) -> None:
    (project / ".contractlint.yaml").unlink()
    (project / "pyproject.toml").write_text(
        '[tool.contractlint.kinds.data-contract]\nschema = "schemas/data-contract.schema.json"\n',
        encoding="utf-8",
    )
    assert "CL003" in codes(cli(project, "check", "--format", "json", "orders.yaml"))
    (project / "pyproject.toml").write_text(
        '[tool.contractlint.kinds.data-contract]\nschema = "schemas/none.json"\n',
        encoding="utf-8",
    )
    run = cli(project, "check", "orders.yaml")
    assert run.returncode == 2 and "pyproject.toml:2: `kinds`: `data-contract`" in run.stderr


def test_config_shows_the_declarations(project: Path) -> None:
    data = json.loads(cli(project, "config", "--format", "json", check=True).stdout)
    assert data["kinds"] == {"data-contract": {"schema": "./schemas/data-contract.schema.json"}}
    assert data["schema-extensions"] == {
        "model-contract": "./schemas/acme-model-contract.schema.json"
    }


# --- the cache ---------------------------------------------------------------------


def test_changing_a_schema_file_invalidates_the_cache(project: Path) -> None:
    first = findings(cli(project, "check", "--format", "json", "orders.yaml", cache=True))
    assert (project / ".contractlint_cache").is_dir()
    again = findings(cli(project, "check", "--format", "json", "orders.yaml", cache=True))
    assert again == first and "CL003" in [f[3] for f in first]
    # Only the schema file changes (not the configuration, not the document).
    schema = dict(DATA_SCHEMA, properties=dict(DATA_SCHEMA["properties"]))
    schema["properties"]["retention_days"] = {"type": "integer", "minimum": 0}
    schema["$defs"] = {"column": {"type": "object"}}
    write_json(project / "schemas" / "data-contract.schema.json", schema)
    after = findings(cli(project, "check", "--format", "json", "orders.yaml", cache=True))
    assert "CL003" not in [f[3] for f in after]
    extension = dict(EXTENSION, required=["x-cost-center"])
    write_json(project / "schemas" / "acme-model-contract.schema.json", extension)
    (project / "m.yaml").write_text("kind: model-contract\nname: m\n", encoding="utf-8")
    args = ("check", "--format", "json", "--select", "CL003", "m.yaml")
    assert len(findings(cli(project, *args, cache=True))) == 1
    write_json(project / "schemas" / "acme-model-contract.schema.json", {"type": "object"})
    assert findings(cli(project, *args, cache=True)) == []


# --- schema and new -----------------------------------------------------------------


def test_schema_prints_a_declared_kinds_schema(project: Path) -> None:
    run = cli(project, "schema", "data-contract", check=True)
    assert json.loads(run.stdout) == DATA_SCHEMA
    other = project / "sub"
    other.mkdir()
    assert json.loads(cli(other, "schema", "data-contract", check=True).stdout) == DATA_SCHEMA


def test_schema_prints_a_built_in_kind_without_its_extension(project: Path) -> None:
    bundled = cli(project.parent, "schema", "model-contract", check=True).stdout
    here = cli(project, "schema", "model-contract", check=True).stdout
    assert here == bundled and "x-cost-center" not in here
    assert "schema-extensions" in cli(project, "schema", "--help", check=True).stdout


def test_schema_and_new_name_declared_kinds_among_the_choices(project: Path) -> None:
    run = cli(project, "schema", "data-contrac")
    assert run.returncode == 2 and "did you mean `data-contract`?" in run.stderr
    run = cli(project, "new", "nosuch")
    assert run.returncode == 2 and "data-contract" in run.stderr
    assert "unknown kind `config`" in cli(project, "new", "config").stderr


def test_new_writes_a_document_of_a_declared_kind(project: Path) -> None:
    run = cli(project, "new", "data-contract", "-o", "x.yaml")
    assert run.returncode == 0, run.stderr
    text = (project / "x.yaml").read_text(encoding="utf-8")
    value = yaml.safe_load(text)
    assert value == {
        "kind": "data-contract",
        "name": "TODO",
        "owners": {"scope": "TODO", "feasibility": "TODO", "method": "TODO"},
        "dataset": "TODO",
    }
    assert text.startswith("# A data-contract document")
    found = codes(cli(project, "check", "--format", "json", "x.yaml"))
    assert "CL003" not in found and {"CL009", "CL401", "ACME201"} <= set(found)
    assert cli(project, "new", "data-contract", "-o", "x.yaml").returncode == 2  # no --force
    cli(project, "new", "data-contract", "-o", "x.json", check=True)
    assert json.loads((project / "x.json").read_text(encoding="utf-8")) == value


def test_new_fills_in_nested_required_properties(project: Path) -> None:
    schema = {
        "type": "object",
        "required": ["source", "columns", "version"],
        "properties": {
            "version": {"const": 2},
            "source": {
                "type": "object",
                "required": ["system"],
                "properties": {"system": {"enum": ["a", "b"]}},
            },
            "columns": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/column"}},
        },
        "additionalProperties": False,
        "$defs": {"column": {"type": "object", "required": ["name"]}},
    }
    write_json(project / "schemas" / "data-contract.schema.json", schema)
    value = yaml.safe_load(cli(project, "new", "data-contract", check=True).stdout)
    # `name` and `owners` are not allowed by this schema: not written.
    assert value == {
        "kind": "data-contract",
        "source": {"system": "TODO"},
        "columns": [{"name": "TODO"}],
        "version": 2,
    }


def test_the_language_server_watches_the_schema_files_wherever_it_runs(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pygls")
    from contractlint.lsp.workspace import DEFAULT_SETTINGS, load_project

    monkeypatch.chdir(tmp_path)  # not the project: its paths are the config's own
    sources = load_project(str(project), DEFAULT_SETTINGS).sources()
    assert str((project / "schemas" / "data-contract.schema.json").resolve()) in sources
    assert str((project / "schemas" / "acme-model-contract.schema.json").resolve()) in sources
