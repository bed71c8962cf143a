"""Configuration (SPEC section 4): where it is found, every key, and bad configs.

Discovery and parsing call :func:`contractlint.config.load` with an explicit
``cwd``; behaviour goes through ``lint_text`` with the loaded config, and exit
codes through click's ``CliRunner``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from contractlint.cli.commands import cli
from contractlint.config import DEFAULT_PLACEHOLDERS, Config, ConfigError, find_config, load
from contractlint.results import Severity
from contractlint.rules import BY_CODE

from conftest import LintText, cli_runner, codes, contractlint

# A complete model contract but for its fallback: its only finding is CL101 at 1:1,
# whatever other rules the registry holds. Appending a `fallback:` line completes it.
NO_FALLBACK = """\
kind: model-contract
name: ranking-service
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
endpoint: /v1/rank
request:
  user_id: string
response:
  model_version: string
latency_budget_ms: {p50: 50, p95: 120}
timeout_ms: 300
throughput_rps: 400
monitoring: [score_distribution, ctr_by_bucket, latency_p95]
retraining_trigger: weekly_or_ctr_drop_2pct
rollback: redeploy the previous model_version behind the ranking flag
logging: [request_id, user_id, model_version, scores]
"""
FALLBACK_LINE = NO_FALLBACK.count("\n") + 1

# CL101, CL103, CL105 at the first line and CL401 (method) at the owners mapping.
BAD = (
    NO_FALLBACK.replace(", method: ds@example.com", "")
    .replace("latency_budget_ms: {p50: 50, p95: 120}\n", "")
    .replace("timeout_ms: 300\n", "")
)

_NEUTRAL_ENV: dict[str, str | None] = {
    "NO_COLOR": None,
    "CONTRACTLINT_OUTPUT_FORMAT": None,
    "GITHUB_ACTIONS": None,
}


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


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


def load_text(tmp_path: Path, text: str, name: str = ".contractlint.yaml") -> Config:
    return load(str(write(tmp_path, name, text)), cwd=tmp_path)


# --- discovery ----------------------------------------------------------------------------


def test_contractlint_yaml_in_the_current_folder(tmp_path: Path) -> None:
    config_file = write(tmp_path, ".contractlint.yaml", "fail-on: warning\n")
    config = load(cwd=tmp_path)
    assert config.path == str(config_file)
    assert config.fail_on == "warning"
    assert Path(config.root) == tmp_path.resolve()


def test_contractlint_yml_in_the_current_folder(tmp_path: Path) -> None:
    config_file = write(tmp_path, ".contractlint.yml", "fail-on: info\n")
    config = load(cwd=tmp_path)
    assert config.path == str(config_file)
    assert config.fail_on == "info"


def test_yaml_before_yml_before_pyproject_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.contractlint]\nfail-on = "never"\n')
    assert load(cwd=tmp_path).fail_on == "never"
    write(tmp_path, ".contractlint.yml", "fail-on: info\n")
    assert load(cwd=tmp_path).fail_on == "info"
    write(tmp_path, ".contractlint.yaml", "fail-on: warning\n")
    assert load(cwd=tmp_path).fail_on == "warning"


def test_pyproject_table(tmp_path: Path) -> None:
    config_file = write(
        tmp_path,
        "pyproject.toml",
        """\
[project]
name = "demo"

[tool.contractlint]
select = ["CL1", "unowned-decision"]
fail-on = "warning"
required-owners = ["scope"]

[tool.contractlint.severity]
CL101 = "warning"

[tool.contractlint.per-file-ignores]
"legacy/*.yaml" = ["CL4"]

[tool.contractlint.experiment]
alpha = 0.01
power = 0.9
min_duration_days = 14
""",
    )
    config = load(cwd=tmp_path)
    assert config.path == str(config_file)
    assert config.select == ("CL1", "CL401")
    assert config.fail_on == "warning"
    assert config.required_owners == ("scope",)
    assert config.severity == (("CL101", Severity.WARNING),)
    assert config.per_file_ignores == (("legacy/*.yaml", ("CL4",)),)
    assert (config.alpha, config.power, config.min_duration_days) == (0.01, 0.9, 14.0)


def test_found_from_a_subfolder_upward(tmp_path: Path) -> None:
    config_file = write(tmp_path, ".contractlint.yaml", "fail-on: warning\n")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    config = load(cwd=deep)
    assert config.path == str(config_file)
    assert config.fail_on == "warning"
    # The project root is the config file's folder, not the current folder.
    assert Path(config.root) == tmp_path.resolve()


def test_a_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    config_file = write(tmp_path, ".contractlint.yaml", "fail-on: warning\n")
    write(tmp_path, "pkg/pyproject.toml", '[project]\nname = "pkg"\n\n[tool.black]\nline = 1\n')
    assert find_config(tmp_path / "pkg") == str(config_file)
    assert load(cwd=tmp_path / "pkg").fail_on == "warning"


def test_the_nearest_folder_wins(tmp_path: Path) -> None:
    write(tmp_path, ".contractlint.yaml", "fail-on: warning\n")
    nearer = write(tmp_path, "pkg/pyproject.toml", '[tool.contractlint]\nfail-on = "never"\n')
    config = load(cwd=tmp_path / "pkg")
    assert config.path == str(nearer)
    assert config.fail_on == "never"
    # The nearer config replaces the farther one; nothing is merged.
    write(tmp_path, ".contractlint.yaml", "fail-on: warning\nignore: [CL4]\n")
    assert load(cwd=tmp_path / "pkg").ignore == ()


def test_an_empty_table_or_file_is_the_defaults(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.contractlint]\n")
    config = load(cwd=tmp_path)
    assert config.path == str(tmp_path / "pyproject.toml")
    assert config.fail_on == "error"
    empty = load_text(tmp_path, "", ".contractlint.yaml")
    assert empty.fail_on == "error"
    assert empty.enabled == Config().enabled


def test_explicit_config_file_wins_over_discovery(tmp_path: Path) -> None:
    write(tmp_path, ".contractlint.yaml", "fail-on: warning\n")
    other = write(tmp_path, "ci/lint.yaml", "fail-on: never\n")
    config = load(str(other), cwd=tmp_path)
    assert config.path == str(other)
    assert config.fail_on == "never"
    assert Path(config.root) == (tmp_path / "ci").resolve()


def test_explicit_pyproject(tmp_path: Path) -> None:
    other = write(tmp_path, "elsewhere/pyproject.toml", '[tool.contractlint]\nfail-on = "info"\n')
    assert load(str(other), cwd=tmp_path).fail_on == "info"


def test_no_config_means_defaults_and_the_git_top_level_as_root(tmp_path: Path) -> None:
    if find_config(tmp_path) is not None:  # pragma: no cover - a config above tmp_path
        pytest.skip("a config file above the test folder")
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    config = load(cwd=tmp_path / "sub")
    assert config.path is None
    assert Path(config.root) == tmp_path.resolve()
    assert config.fail_on == "error"
    assert config.placeholders == DEFAULT_PLACEHOLDERS
    assert config.required_owners == ("scope", "feasibility", "method")
    assert (config.alpha, config.power, config.min_duration_days) == (0.05, 0.8, 7.0)


def test_config_option_of_check(project: Path) -> None:
    write(project, "bad.yaml", BAD)
    write(project, ".contractlint.yaml", "select: [CL4]\n")
    write(project, "ci/only-fallback.yaml", "select: [missing-fallback]\n")
    assert "CL401" in run("check", "bad.yaml").stdout
    result = run("check", "--config", "ci/only-fallback.yaml", "bad.yaml")
    assert "CL101" in result.stdout
    assert "CL401" not in result.stdout


def test_config_option_with_a_missing_file_exits_2(project: Path) -> None:
    result = run("check", "--config", "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


# --- every key is parsed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select: [CL1, missing-timeout]", {"select": ("CL1", "CL105")}),
        ("select: 'CL1, CL4'", {"select": ("CL1", "CL4")}),
        ("select: [all]", {"select": ("ALL",)}),
        ("ignore: [CL10, unowned-decision]", {"ignore": ("CL10", "CL401")}),
        ("extend-select: [cl401]", {"extend_select": ("CL401",)}),
        (
            "severity: {CL101: warning, missing-timeout: info, CL401: error}",
            {
                "severity": (
                    ("CL101", Severity.WARNING),
                    ("CL105", Severity.INFO),
                    ("CL401", Severity.ERROR),
                )
            },
        ),
        (
            "per-file-ignores: {'legacy/*.yaml': [CL4, missing-fallback], '*.md': CL1}",
            {"per_file_ignores": (("legacy/*.yaml", ("CL4", "CL101")), ("*.md", ("CL1",)))},
        ),
        ("include: ['*.yaml']", {"include": ("*.yaml",)}),
        ("exclude: ['legacy/', '*.draft.yaml']", {"exclude": ("legacy/", "*.draft.yaml")}),
        ("fail-on: warning", {"fail_on": "warning"}),
        ("fail-on: info", {"fail_on": "info"}),
        ("fail-on: never", {"fail_on": "never"}),
        ("placeholders: [pending, wip]", {"placeholders": ("pending", "wip")}),
        ("required-owners: [scope, legal]", {"required_owners": ("scope", "legal")}),
        (
            "experiment: {alpha: 0.01, power: 0.9, min_duration_days: 14}",
            {"alpha": 0.01, "power": 0.9, "min_duration_days": 14.0},
        ),
        ("experiment: {power: 0.95}", {"alpha": 0.05, "power": 0.95}),
        ("require-suppression-reason: true", {"require_suppression_reason": True}),
        ("max-file-size: 1000", {"max_file_size": 1000}),
        ("max-depth: 10", {"max_depth": 10}),
        ("max-alias-nodes: 50", {"max_alias_nodes": 50}),
    ],
)
def test_every_key_is_parsed(tmp_path: Path, text: str, expected: dict[str, Any]) -> None:
    config = load_text(tmp_path, text + "\n")
    for field, value in expected.items():
        assert getattr(config, field) == value, field


def test_selection_keys_decide_the_enabled_rules(tmp_path: Path) -> None:
    config = load_text(tmp_path, "select: [CL1]\nignore: [CL103]\nextend-select: [CL401]\n")
    expected = {c for c in BY_CODE if c.startswith("CL1") and c != "CL103"} | {"CL401"}
    assert {"CL101", "CL102", "CL104", "CL105"} <= expected
    assert config.enabled == expected


def test_rule_options_follow_the_config(tmp_path: Path) -> None:
    config = load_text(
        tmp_path,
        "placeholders: [Pending]\nrequired-owners: [scope]\n"
        "experiment: {alpha: 0.01, power: 0.9, min_duration_days: 14}\n",
    )
    options = config.rule_options
    assert options.is_placeholder(" pending ")
    assert options.required_owners == ("scope",)
    assert (options.alpha, options.power, options.min_duration_days) == (0.01, 0.9, 14.0)


def test_config_command_shows_every_key(project: Path) -> None:
    write(
        project,
        ".contractlint.yaml",
        "experiment: {alpha: 0.01}\nplaceholders: [pending]\nrequired-owners: [scope]\n",
    )
    data = json.loads(run("config", "--format", "json").stdout)
    for key in (
        "select",
        "ignore",
        "extend-select",
        "severity",
        "per-file-ignores",
        "include",
        "exclude",
        "fail-on",
        "placeholders",
        "required-owners",
        "experiment",
    ):
        assert key in data, key
    assert data["experiment"] == {"alpha": 0.01, "power": 0.8, "min_duration_days": 7.0}
    assert data["placeholders"] == ["pending"]
    assert data["required-owners"] == ["scope"]


# --- keys change behaviour -----------------------------------------------------------------


def test_severity_by_code_turns_an_error_into_a_warning(
    tmp_path: Path, lint_text: LintText, project: Path
) -> None:
    config = load_text(tmp_path / "cfg", "severity: {CL101: warning}\n")
    (finding,) = lint_text(NO_FALLBACK, config=config)
    assert (finding.code, finding.severity) == ("CL101", Severity.WARNING)

    write(project, "contract.yaml", NO_FALLBACK)
    assert run("check").exit_code == 1
    write(project, ".contractlint.yaml", "severity: {CL101: warning}\n")
    result = run("check")
    assert "CL101 [warning]" in result.stdout
    assert result.exit_code == 0
    assert run("check", "--fail-on", "warning").exit_code == 1


def test_severity_by_name(tmp_path: Path, lint_text: LintText) -> None:
    config = load_text(tmp_path / "cfg", "severity: {missing-fallback: info}\n")
    (finding,) = lint_text(NO_FALLBACK, config=config)
    assert finding.severity is Severity.INFO


def test_placeholders(tmp_path: Path, lint_text: LintText) -> None:
    pending = NO_FALLBACK + "fallback: pending\n"
    assert "CL101" not in codes(lint_text(pending))
    config = load_text(tmp_path / "cfg", "placeholders: [pending]\n")
    findings = lint_text(pending, config=config)
    assert codes(findings) == ["CL101"]
    assert "pending" in findings[0].message
    assert findings[0].line == FALLBACK_LINE


def test_placeholders_are_case_insensitive_and_trimmed(tmp_path: Path, lint_text: LintText) -> None:
    config = load_text(tmp_path / "cfg", "placeholders: [' Pending ']\n")
    assert codes(lint_text(NO_FALLBACK + "fallback: PENDING\n", config=config)) == ["CL101"]


def test_required_owners(tmp_path: Path, lint_text: LintText) -> None:
    text = "kind: model-contract\nname: x\nowners: {scope: pm@example.com}\n"
    default = [f for f in lint_text(text) if f.code == "CL401"]
    assert len(default) == 2  # feasibility and method
    config = load_text(tmp_path / "cfg", "required-owners: [scope]\n")
    assert "CL401" not in codes(lint_text(text, config=config))

    no_owners = "kind: model-contract\nname: x\n"
    only_scope = [f for f in lint_text(no_owners, config=config) if f.code == "CL401"]
    assert len(only_scope) == 1
    assert "`scope`" in only_scope[0].message

    legal = load_text(tmp_path / "cfg2", "required-owners: [scope, legal]\n")
    extra = [f for f in lint_text(text, config=legal) if f.code == "CL401"]
    assert len(extra) == 1
    assert "`legal`" in extra[0].message


def test_per_file_ignores(tmp_path: Path, lint_text: LintText) -> None:
    config = load_text(tmp_path / "cfg", "per-file-ignores: {'legacy/*.yaml': [CL4]}\n")
    assert codes(lint_text(BAD, name="legacy/old.yaml", config=config)) == [
        "CL101",
        "CL103",
        "CL105",
    ]
    assert "CL401" in codes(lint_text(BAD, name="new.yaml", config=config))


def test_per_file_ignores_by_name_in_a_walk(project: Path) -> None:
    write(
        project, ".contractlint.yaml", "per-file-ignores: {'legacy/*.yaml': [missing-fallback]}\n"
    )
    write(project, "legacy/old.yaml", BAD)
    write(project, "new.yaml", BAD)
    result = run("check", "--select", "CL101")
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["new.yaml"]


def test_per_file_ignores_are_relative_to_the_project_root(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, ".contractlint.yaml", "per-file-ignores: {'legacy/*.yaml': [CL4]}\n")
    write(project, "legacy/old.yaml", BAD)
    monkeypatch.chdir(project / "legacy")
    result = run("check", "--select", "CL4", "old.yaml")
    assert "CL401" not in result.stdout
    assert result.exit_code == 0


def test_include(project: Path) -> None:
    write(project, ".contractlint.yaml", "include: ['*.yaml']\n")
    write(project, "a.yaml", BAD)
    write(project, "b.yml", BAD)
    write(project, "c.json", json.dumps({"kind": "model-contract", "name": "c"}))
    write(project, "d.md", f"```yaml\n{BAD}```\n")
    result = run("check", "--select", "CL101")
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["a.yaml"]
    # Files named explicitly are linted whatever `include` says.
    named = run("check", "--select", "CL101", "c.json")
    assert named.stdout.startswith("c.json:1:1: CL101")


def test_exclude(project: Path) -> None:
    write(project, ".contractlint.yaml", "exclude: ['**/drafts/']\n")
    write(project, "team/drafts/a.yaml", BAD)
    write(project, "team/b.yaml", BAD)
    result = run("check", "--select", "CL101")
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["team/b.yaml"]


def test_exclude_is_relative_to_the_project_root_from_a_subfolder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, ".contractlint.yaml", "exclude: ['team/drafts/']\n")
    write(project, "team/drafts/a.yaml", BAD)
    write(project, "team/b.yaml", BAD)
    monkeypatch.chdir(project / "team")
    result = run("check", "--select", "CL101")
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["b.yaml"]
    forced = run("check", "--select", "CL101", "--force-exclude", "drafts/a.yaml")
    assert forced.exit_code == 0


def test_fail_on_in_the_config(project: Path) -> None:
    write(project, "contract.yaml", BAD)
    write(project, ".contractlint.yaml", "fail-on: never\n")
    assert run("check").exit_code == 0
    assert run("check", "--fail-on", "error").exit_code == 1


def test_max_file_size(tmp_path: Path, lint_text: LintText) -> None:
    # 30 bytes: BAD's first line, `kind: model-contract`, is read, so it is a candidate.
    config = load_text(tmp_path / "cfg", "max-file-size: 30\n")
    (finding,) = lint_text(BAD, config=config)
    assert finding.code == "CL006"
    assert "max-file-size" in finding.message
    assert "over the size limit of 30 bytes" in finding.message
    assert codes(lint_text(BAD)) == ["CL101", "CL103", "CL105", "CL401"]  # the default
    # The sniff reads no more than the limit: a `kind` past it is not seen, and a file
    # over the limit without a contract in its first bytes is silent, like any other.
    config = load_text(tmp_path / "cfg", "max-file-size: 10\n")
    assert lint_text(BAD, config=config) == []
    late = "# " + "x" * 40 + "\n" + BAD  # its `kind` starts at byte 44
    assert lint_text(late, config=load_text(tmp_path / "cfg", "max-file-size: 30\n")) == []


def test_max_depth(tmp_path: Path, lint_text: LintText) -> None:
    config = load_text(tmp_path / "cfg", "max-depth: 3\n")
    text = NO_FALLBACK + "fallback: serve_most_popular\nx-deep: {b: {c: {d: {e: 1}}}}\n"
    assert "CL007" not in codes(lint_text(text))
    assert "CL007" in codes(lint_text(text, config=config))


def test_require_suppression_reason(tmp_path: Path, lint_text: LintText) -> None:
    text = NO_FALLBACK.replace(
        "kind: model-contract", "kind: model-contract  # contractlint: disable=CL101"
    )
    assert codes(lint_text(text)) == []
    config = load_text(tmp_path / "cfg", "require-suppression-reason: true\n")
    assert sorted(codes(lint_text(text, config=config))) == ["CL010", "CL101"]


# --- bad configs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("selct: [CL1]\n", ["`selct`", "did you mean `select`"]),
        ("fail_on: warning\n", ["`fail_on`", "`fail-on`"]),
        ("select: 5\n", ["`select`"]),
        ("select: [CL1, 5]\n", ["`select`"]),
        ("select:\n", ["`select`"]),
        ("ignore: {CL1: true}\n", ["`ignore`"]),
        ("select: [CL999]\n", ["`select`", "CL999"]),
        ("select: [missing-fallbak]\n", ["`select`", "missing-fallbak", "missing-fallback"]),
        ("ignore: [C]\n", ["`ignore`", "`C`"]),
        ("extend-select: [CLX]\n", ["`extend-select`", "CLX"]),
        ("severity: [CL101]\n", ["`severity`"]),
        ("severity: {CL999: warning}\n", ["`severity`", "CL999"]),
        ("severity: {missing-fallbak: warning}\n", ["`severity`", "missing-fallbak"]),
        ("severity: {CL101: fatal}\n", ["`severity`", "CL101", "fatal"]),
        ("severity: {CL101: 3}\n", ["`severity`", "CL101"]),
        ("severity: {CL1: warning}\n", ["`severity`", "CL1"]),
        ("per-file-ignores: [CL1]\n", ["`per-file-ignores`"]),
        ("per-file-ignores: {'a/*.yaml': [CL999]}\n", ["`per-file-ignores`", "CL999"]),
        ("per-file-ignores: {'a/*.yaml': 3}\n", ["`per-file-ignores`"]),
        ("include: [1]\n", ["`include`"]),
        ("exclude: {a: b}\n", ["`exclude`"]),
        ("placeholders: 3\n", ["`placeholders`"]),
        ("required-owners: {scope: x}\n", ["`required-owners`"]),
        ("fail-on: sometimes\n", ["`fail-on`", "sometimes"]),
        ("fail-on: 1\n", ["`fail-on`"]),
        ("experiment: [0.05]\n", ["`experiment`"]),
        ("experiment: {alpha: 1.5}\n", ["`experiment.alpha`", "1.5"]),
        ("experiment: {alpha: 0}\n", ["`experiment.alpha`"]),
        ("experiment: {alpha: '0.05'}\n", ["`experiment.alpha`"]),
        ("experiment: {power: 1}\n", ["`experiment.power`"]),
        ("experiment: {power: true}\n", ["`experiment.power`"]),
        ("experiment: {min_duration_days: -1}\n", ["`experiment.min_duration_days`"]),
        ("experiment: {alpah: 0.1}\n", ["`experiment.alpah`", "alpha"]),
        ("require-suppression-reason: maybe\n", ["`require-suppression-reason`"]),
        ("max-file-size: -1\n", ["`max-file-size`"]),
        ("max-depth: 0\n", ["`max-depth`"]),
        ("max-alias-nodes: 1.5\n", ["`max-alias-nodes`"]),
    ],
)
def test_bad_config_exits_2_naming_the_key(project: Path, text: str, names: list[str]) -> None:
    config_file = write(project, ".contractlint.yaml", text)
    write(project, "contract.yaml", BAD)
    result = run("check")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(config_file) in result.stderr
    for name in names:
        assert name in result.stderr, (name, result.stderr)
    with pytest.raises(ConfigError):
        load(cwd=project)
    # `config` refuses a bad config the same way.
    assert run("config").exit_code == 2


@pytest.mark.parametrize(
    "text",
    ["select: [CL1\n", "fail-on: warning\n  bad: indent\n", "a: 1\na: [\n", "\tselect: x\n"],
)
def test_invalid_yaml_exits_2(project: Path, text: str) -> None:
    write(project, ".contractlint.yaml", text)
    result = run("check")
    assert result.exit_code == 2
    assert "invalid YAML" in result.stderr
    assert ".contractlint.yaml" in result.stderr


@pytest.mark.parametrize("text", ["- select\n- CL1\n", "just a string\n", "42\n"])
def test_a_config_that_is_not_a_mapping_exits_2(project: Path, text: str) -> None:
    write(project, ".contractlint.yaml", text)
    result = run("check")
    assert result.exit_code == 2
    assert "mapping" in result.stderr


def test_unknown_key_in_pyproject_exits_2(project: Path) -> None:
    write(project, "pyproject.toml", '[tool.contractlint]\nselct = ["CL1"]\n')
    result = run("check")
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr
    assert "`selct`" in result.stderr
    assert "`select`" in result.stderr


def test_invalid_toml_given_with_config_exits_2(project: Path) -> None:
    write(project, "pyproject.toml", '[tool.contractlint]\nselect = ["CL1"\n')
    result = run("check", "--config", "pyproject.toml")
    assert result.exit_code == 2
    assert "invalid TOML" in result.stderr


def test_invalid_toml_found_by_discovery_exits_2(project: Path) -> None:
    write(project, "pyproject.toml", '[tool.contractlint]\nselect = ["CL1"\n')
    write(project, "contract.yaml", NO_FALLBACK + "fallback: serve_most_popular\n")
    result = run("check")
    assert result.exit_code == 2
    assert "invalid TOML" in result.stderr


def test_bad_config_given_with_config_option(project: Path) -> None:
    write(project, "ci/lint.yaml", "severity: {CL101: fatal}\n")
    result = run("check", "--config", "ci/lint.yaml")
    assert result.exit_code == 2
    assert "ci/lint.yaml" in result.stderr
    assert "`severity`" in result.stderr


@pytest.mark.parametrize(
    ("template", "complaint"),
    [
        ("https://x.example/{value}", "`{value}` is not allowed"),
        ("https://x.example/{code.__class__}", "is not allowed"),
        ("https://x.example/{code!r}", "is not allowed"),
        ("https://x.example/{", "`docs-url`"),
        ("ftp://x.example/{code}", "docs-url"),
    ],
)
def test_a_bad_docs_url_is_a_clear_error(tmp_path: Path, template: str, complaint: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_text(f"docs-url: '{template}'\n", encoding="utf-8")
    done = contractlint(tmp_path, "config")
    assert done.returncode == 2 and complaint in done.stderr
    assert ".contractlint.yaml:1" in done.stderr


def test_docs_url_is_shown_by_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    template = "https://wiki.example.com/contracts/{code}-{name}"
    (tmp_path / ".contractlint.yaml").write_text(f"docs-url: {template}\n", encoding="utf-8")
    done = contractlint(tmp_path, "config", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["docs-url"] == template
