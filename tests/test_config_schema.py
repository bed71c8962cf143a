"""The configuration's JSON Schema (``schemas/config.schema.json``): the one declaration
of every key, what ``config.parse`` validates against, and what ``contractlint schema
config`` publishes for editors. Config errors name the file, the line and the key.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint import config, schemas
from contractlint.cli.commands import cli
from contractlint.config import FAIL_ON, LIMIT_MAXIMUMS, Config, ConfigError, load, parse
from contractlint.results import Severity

from conftest import cli_runner

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schemas" / "config.schema.json"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
# What `contractlint config` shows that is no key of a configuration file.
RESOLVED_ONLY = {"config-file", "root", "enabled-rules"}

_NEUTRAL_ENV: dict[str, str | None] = {
    "NO_COLOR": None,
    "CONTRACTLINT_OUTPUT_FORMAT": None,
    "GITHUB_ACTIONS": None,
}


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def readme_config() -> str:
    """The `.contractlint.yaml` example of README.md's Configuration section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(# \.contractlint\.yaml\n.*?)```", text, re.DOTALL)
    assert found, "README.md has no ```yaml block starting with # .contractlint.yaml"
    return found.group(1)


def run(*args: str) -> Result:
    result = cli_runner().invoke(cli, list(args), env=_NEUTRAL_ENV)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (its own git top level) that is the current folder."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def walk(node: Any, pointer: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every schema object in ``node`` with its pointer."""
    found = []
    if isinstance(node, dict):
        if any(k in node for k in ("type", "enum", "$ref", "properties")):
            found.append((pointer, node))
        for key, value in node.items():
            found += walk(value, f"{pointer}/{key}")
    return found


# --- the schema itself ------------------------------------------------------------------


def test_the_schema_is_valid_draft_2020_12() -> None:
    data = schema()
    jsonschema.Draft202012Validator.check_schema(data)
    assert data["$schema"] == DRAFT_2020_12
    assert data["$id"] == "https://schemas.contractlint.dev/v1/config.json"
    assert data["title"].strip() and data["description"].strip()
    assert data["type"] == "object"
    assert data["additionalProperties"] is False
    assert data["properties"]["experiment"]["additionalProperties"] is False


def test_the_schema_is_self_contained() -> None:
    refs = [n["$ref"] for _, n in walk(schema()) if "$ref" in n]
    assert refs and all(ref.startswith("#/$defs/") for ref in refs), refs


def test_every_key_has_a_title_a_description_and_a_default() -> None:
    data = schema()
    for properties in (data["properties"], data["properties"]["experiment"]["properties"]):
        for key, node in properties.items():
            assert node.get("title", "").strip(), key
            assert len(node.get("description", "")) > 40, key
            if key in NO_DEFAULT:
                assert "default" not in node, key
                continue
            assert "default" in node, key
            validator().evolve(schema=node).validate(node["default"])


def test_every_key_config_knows_is_in_the_schema_and_no_other() -> None:
    described = Config().describe()
    assert set(schema()["properties"]) == set(described) - RESOLVED_ONLY
    experiment = schema()["properties"]["experiment"]
    assert list(experiment["properties"]) == list(described["experiment"])


# Keys whose default depends on where contractlint runs: `output-format` is github on
# GitHub Actions and text elsewhere, so the schema names none.
NO_DEFAULT = {"output-format"}


def test_the_schema_defaults_are_the_config_defaults() -> None:
    """A file holding every key at its schema default is the default configuration: every
    key converts, and the schema says the truth about the defaults."""
    properties = schema()["properties"].items()
    defaults = {key: node["default"] for key, node in properties if key not in NO_DEFAULT}
    described = Config().describe()
    for key, value in defaults.items():
        assert value == described[key], key
    fields = parse(defaults, "defaults.yaml")
    assert Config()._replace(**fields) == Config()


def test_the_limit_maximums_are_config_limit_maximums() -> None:
    properties = schema()["properties"]
    limits = {k: v for k, v in properties.items() if k.startswith("max-")}
    assert set(limits) == set(LIMIT_MAXIMUMS)
    for key, maximum in LIMIT_MAXIMUMS.items():
        assert limits[key]["type"] == "integer"
        assert limits[key]["minimum"] == 1
        assert limits[key]["maximum"] == maximum, key


def test_the_enums_are_the_ones_the_code_knows() -> None:
    properties = schema()["properties"]
    assert tuple(properties["fail-on"]["enum"]) == FAIL_ON
    levels = properties["severity"]["additionalProperties"]["enum"]
    assert levels == [severity.value for severity in Severity]


def test_the_package_loads_the_file() -> None:
    assert schemas.load_config_schema() == schema()
    assert schemas.schema_text("config") == SCHEMA_FILE.read_text(encoding="utf-8")


def test_the_readme_example_validates() -> None:
    example = yaml.safe_load(readme_config())
    assert set(example) >= {"select", "severity", "experiment", "max-depth"}
    validator().validate(example)
    config.parse(example, "README.md")  # and every rule it names exists


# --- contractlint schema config ---------------------------------------------------------


def test_schema_config_prints_the_file(project: Path) -> None:
    result = run("schema", "config")
    assert result.exit_code == 0
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")
    printed = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(printed)
    jsonschema.Draft202012Validator(printed).validate(yaml.safe_load(readme_config()))


def test_an_unknown_schema_lists_config_among_the_choices(project: Path) -> None:
    result = run("schema", "nosuch")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "`nosuch`" in result.stderr
    assert "model-contract" in result.stderr and "config" in result.stderr
    near = run("schema", "confg")
    assert near.exit_code == 2
    assert "did you mean `config`?" in near.stderr


def test_config_is_no_kind_for_new(project: Path) -> None:
    result = run("new", "config")
    assert result.exit_code == 2
    assert "unknown kind `config`" in result.stderr


# --- validation: the compiled check answers as jsonschema does ---------------------------

KEYS = [*schema()["properties"], "selct", "experiment.alpha"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2_000_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "CL1", "error", "warning", "never", "a,b", "*.yaml", "1.5"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["alpha", "power", "CL101", "x", "*.md"]), inner),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=4))
def test_the_compiled_check_agrees_with_jsonschema(table: dict[str, Any]) -> None:
    check = config._compiled_check()
    assert check is not None  # the schema uses only keywords schemacheck compiles
    assert check(table) == validator().is_valid(table), table


@pytest.mark.parametrize(
    "table",
    [
        {},
        yaml.safe_load(readme_config()),
        {"select": "CL1, CL4", "per-file-ignores": {"*.md": "CL1"}},
        {"max-depth": 10.0},  # an integer to JSON Schema
        {"experiment": {"alpha": 0.01}},
    ],
)
def test_valid_tables(table: dict[str, Any]) -> None:
    assert validator().is_valid(table)
    parse(table, "x.yaml")


def test_an_integral_float_is_an_integer(tmp_path: Path) -> None:
    path = tmp_path / ".contractlint.yaml"
    path.write_text("max-depth: 10.0\n", encoding="utf-8")
    depth = load(str(path)).max_depth
    assert depth == 10 and isinstance(depth, int)


@pytest.mark.parametrize("number", [".nan", ".inf", "-.inf"])
def test_numbers_that_are_not_finite_are_refused(tmp_path: Path, number: str) -> None:
    path = tmp_path / ".contractlint.yaml"
    path.write_text(f"experiment:\n  min_duration_days: {number}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r":2: `experiment\.min_duration_days`: expected"):
        load(str(path))


def test_a_valid_config_does_not_import_jsonschema(tmp_path: Path) -> None:
    """The compiled schema answers yes; jsonschema (80 ms of imports) only explains a no."""
    good = tmp_path / "good.yaml"
    good.write_text(readme_config(), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("max-depth: 500\n", encoding="utf-8")
    probe = textwrap.dedent(
        """\
        import sys
        from contractlint import config
        try:
            config.load(sys.argv[1])
        except config.ConfigError:
            pass
        print("jsonschema" in sys.modules)
        """
    )

    def imports_jsonschema(path: Path) -> bool:
        done = subprocess.run(
            [sys.executable, "-c", probe, str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return done.stdout.strip() == "True"

    assert not imports_jsonschema(good)
    assert imports_jsonschema(bad)


# --- errors name the file, the line and the key -----------------------------------------

YAML_ERRORS = [
    (
        "# lint settings\nselect: [CL1]\nfail-on: eror\n",
        ':3: `fail-on`: expected one of error, warning, info, never, got "eror"',
    ),
    (
        "fail-on: warning\n\nmax-depth: 500\n",
        ":3: `max-depth`: expected a positive integer of at most 128, got 500",
    ),
    ("select: [CL1]\nselct: [CL4]\n", ":2: unknown key `selct`; did you mean `select`?"),
    (
        "experiment:\n  power: 0.9\n  alpha: 1.5\n",
        ":3: `experiment.alpha`: expected a number between 0 and 1, got 1.5",
    ),
    (
        "experiment:\n  alpah: 0.1\n",
        ":2: unknown key `experiment.alpah`; expected one of alpha, power, min_duration_days",
    ),
    (
        "severity:\n  CL101: warning\n  CL102: fatal\n",
        ':3: `severity`: `CL102`: expected one of error, warning, info, got "fatal"',
    ),
    ("severity:\n  CL101: warning\n  CL1: info\n", ":3: `severity`: `CL1` must name one rule"),
    ("ignore:\n  - CL1\n  - missing-fallbak\n", ":3: `ignore`: unknown rule `missing-fallbak`"),
    ("select:\n  - CL1\n  - 5\n", ":3: `select`: expected a list of strings"),
    (
        "per-file-ignores:\n  'a/*.yaml': [CL4]\n  'b/*.yaml': [CL999]\n",
        ":3: `per-file-ignores`: `b/*.yaml`: unknown rule `CL999`",
    ),
    (
        "require-suppression-reason: maybe\n",
        ":1: `require-suppression-reason`: expected true or false",
    ),
    ("- select\n- CL1\n", ":1: the configuration must be a mapping"),
    # Two errors: the first in the file is reported.
    ("max-depth: 500\nfail-on: eror\n", ":1: `max-depth`"),
    ("fail-on: eror\nmax-depth: 500\n", ":1: `fail-on`"),
]


@pytest.mark.parametrize(("text", "expected"), YAML_ERRORS)
def test_a_yaml_config_error_names_the_file_line_and_key(
    project: Path, text: str, expected: str
) -> None:
    config_file = project / ".contractlint.yaml"
    config_file.write_text(text, encoding="utf-8")
    (project / "contract.yaml").write_text("kind: model-contract\nname: x\n", encoding="utf-8")
    result = run("check")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"contractlint: configuration error: {config_file}{expected}" in result.stderr


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("select: [CL1\n", 2),
        ("fail-on: warning\n  bad: indent\n", 2),
        ("select: [CL1]\n\tignore: x\n", 2),
        ("select: [CL1]\nx: '\x01'\n", 2),
    ],
)
def test_a_yaml_syntax_error_names_the_file_and_line(project: Path, text: str, line: int) -> None:
    (project / ".contractlint.yaml").write_text(text, encoding="utf-8")
    result = run("check")
    assert result.exit_code == 2
    assert f".contractlint.yaml:{line}: invalid YAML: " in result.stderr
    assert "<unicode string>" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_explicit_config_is_named_as_given(project: Path) -> None:
    (project / "ci").mkdir()
    (project / "ci" / "lint.yaml").write_text("select: [CL1]\nfail-on: eror\n", encoding="utf-8")
    result = run("check", "--config", "ci/lint.yaml")
    assert result.exit_code == 2
    assert "configuration error: ci/lint.yaml:2: `fail-on`: " in result.stderr


PYPROJECT_ERRORS = [
    (
        '[project]\nname = "x"\n\n[tool.contractlint]\nselect = ["CL1"]\nfail-on = "eror"\n',
        ':6: `fail-on`: expected one of error, warning, info, never, got "eror"',
    ),
    ('[tool.contractlint]\n"selct" = ["CL1"]\n', ":2: unknown key `selct`; did you mean `select`?"),
    (
        "[tool.contractlint]\nselect = []\n\n[tool.contractlint.experiment]\npower = 0.9\n"
        "alpha = 1.5\n",
        ":6: `experiment.alpha`: expected a number between 0 and 1, got 1.5",
    ),
    (
        "[tool.contractlint]\nexperiment.alpha = 1.5\n",
        ":2: `experiment.alpha`: expected a number between 0 and 1",
    ),
    ("[tool.contractlint]\nexperiment = { alpha = 1.5 }\n", ":2: `experiment.alpha`: expected"),
    (
        '[tool.contractlint.severity]\nCL101 = "warning"\nCL102 = "fatal"\n',
        ':3: `severity`: `CL102`: expected one of error, warning, info, got "fatal"',
    ),
    (
        "[tool.other]\nmax-depth = 1\n\n[tool.contractlint]\nmax-depth = 500\n",
        ":5: `max-depth`: expected a positive integer of at most 128, got 500",
    ),
    ('[tool.contractlint]\nselect = ["CL1", "nope"]\n', ":2: `select`: unknown rule `nope`"),
]


@pytest.mark.parametrize(("text", "expected"), PYPROJECT_ERRORS)
def test_a_pyproject_config_error_names_the_file_line_and_key(
    project: Path, text: str, expected: str
) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(text, encoding="utf-8")
    result = run("check")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"contractlint: configuration error: {pyproject}{expected}" in result.stderr


def test_a_toml_syntax_error_names_the_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.contractlint]\nselect = ["CL1"]\nfail-on = \n', encoding="utf-8"
    )
    result = run("check")
    assert result.exit_code == 2
    assert "pyproject.toml:3: invalid TOML: " in result.stderr


def test_a_toml_error_at_the_end_of_the_file_names_its_last_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.contractlint]\nselect = [\n  "CL1",\n', encoding="utf-8"
    )
    result = run("check")
    assert result.exit_code == 2
    said = result.stderr.strip()  # the parser's own words differ between versions
    assert "pyproject.toml:3: invalid TOML: " in said, said
    assert said.endswith("(at the end of the file)"), said


def test_a_wrong_value_is_shown_as_the_configuration_writes_it(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.contractlint]\nfail-on = true\n", encoding="utf-8"
    )
    result = run("check")
    assert result.exit_code == 2 and "got true" in result.stderr, result.stderr


def test_config_refuses_what_check_refuses(project: Path) -> None:
    (project / ".contractlint.yaml").write_text("fail-on: eror\n", encoding="utf-8")
    result = run("config")
    assert result.exit_code == 2
    assert ".contractlint.yaml:1: `fail-on`" in result.stderr


def test_nan_passes_a_schema_bound() -> None:
    """Why parse checks finiteness itself: JSON Schema's bounds let NaN through."""
    node = schema()["properties"]["experiment"]
    assert validator().evolve(schema=node).is_valid({"alpha": math.nan})
