"""Plugins (SPEC section 8): the example plugin of ``examples/plugin`` installed into a
folder of its own, and contractlint run with that folder on ``PYTHONPATH``. A plugin is
loaded only when the configuration names it; a named plugin that is not installed is
exit 2; a plugin rule that raises is CL000 for that document; the plugin's name and
version are part of the cache's run key."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from contractlint import plugins
from contractlint.api import Document, Hit, Rule, RuleDoc, RuleOptions, Severity

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "plugin"
COMPLETE = (ROOT / "examples" / "model-contract" / "complete.yaml").read_text(encoding="utf-8")
PROBE = textwrap.dedent(
    """\
    import sys
    from contractlint.cli.entry import main
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
    sys.stdout.flush()
    print("@@imported:", "acme_contractlint" in sys.modules)
    """
)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the example plugin, installed (from a copy: a build leaves
    ``build/`` and ``*.egg-info`` beside the sources)."""
    base = tmp_path_factory.mktemp("plugin")
    source = base / "source"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    target = base / "site"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    command += ["--disable-pip-version-check", "--target", str(target), str(source)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:  # no index to fetch setuptools from: the installed one, if any
        command.insert(-1, "--no-build-isolation")
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.skip(
            "pip could not build examples/plugin (setuptools is needed, from PyPI or "
            f"installed): {done.stderr.strip()[-500:]}"
        )
    return target


def _run(
    site: Path, project: Path, *args: str, probe: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    for name in ("CONTRACTLINT_OUTPUT_FORMAT", "GITHUB_ACTIONS", "CONTRACTLINT_DEBUG"):
        env.pop(name, None)
    start = ["-c", PROBE] if probe else ["-m", "contractlint"]
    return subprocess.run(
        [sys.executable, *start, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _project(tmp_path: Path, config: str, **files: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_text(config, encoding="utf-8")
    for name, text in {"ranking.yaml": COMPLETE, **files}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_an_installed_plugin_that_is_not_named_is_never_loaded(site: Path, tmp_path: Path) -> None:
    project = _project(tmp_path, "select: [ALL]\n")
    run = _run(site, project, "check", ".", probe=True)
    assert "ACME" not in run.stdout
    assert "@@imported: False" in run.stdout, run.stdout + run.stderr
    listed = _run(site, project, "rules")
    assert listed.returncode == 0
    assert "ACME900" not in listed.stdout
    explained = _run(site, project, "explain", "ACME900")
    assert explained.returncode == 2
    assert "unknown rule `ACME900`" in explained.stderr


def test_a_named_plugin_runs_its_rules(site: Path, tmp_path: Path) -> None:
    project = _project(tmp_path, "plugins: [acme]\n")
    run = _run(site, project, "check", ".", probe=True)
    assert "@@imported: True" in run.stdout
    # `feasibility: "@feed-platform"` is line 11 of the complete model contract.
    assert (
        "ranking.yaml:11:16: ACME900 [warning] owner `feasibility` is `@feed-platform`, not "
        "an e-mail address" in run.stdout
    ), run.stdout + run.stderr
    assert "(model-needs-owner-email)" in run.stdout

    listed = _run(site, project, "rules", "--format", "json")
    codes = {rule["code"]: rule for rule in json.loads(listed.stdout)}
    assert codes["ACME900"]["name"] == "model-needs-owner-email"
    assert "ACME901" in codes
    explained = _run(site, project, "explain", "model-needs-owner-email")
    assert explained.returncode == 0, explained.stderr
    assert "ACME900" in explained.stdout
    assert "e-mail" in explained.stdout

    ignored = _run(site, project, "check", ".", "--ignore", "ACME900")
    assert ignored.returncode == 0
    assert "ACME900" not in ignored.stdout

    sarif = _run(site, project, "check", ".", "--format", "sarif")
    described = json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert "ACME900" in {rule["id"] for rule in described}


def test_plugin_rules_are_selected_graded_and_suppressed_like_ours(
    site: Path, tmp_path: Path
) -> None:
    config = "plugins: [acme]\nseverity:\n  model-needs-owner-email: error\n"
    project = _project(tmp_path, config)
    graded = _run(site, project, "check", ".")
    assert graded.returncode == 1
    assert "ACME900 [error]" in graded.stdout

    (project / ".contractlint.yaml").write_text("plugins: [acme]\nignore: [ACME9]\n")
    assert "ACME" not in _run(site, project, "check", ".").stdout

    suppressed = COMPLETE.replace(
        'feasibility: "@feed-platform"',
        'feasibility: "@feed-platform"  # contractlint: disable=model-needs-owner-email',
    )
    assert suppressed != COMPLETE
    (project / ".contractlint.yaml").write_text("plugins: [acme]\n")
    (project / "ranking.yaml").write_text(suppressed, encoding="utf-8")
    run = _run(site, project, "check", ".")
    assert run.returncode == 0, run.stdout
    assert "ranking.yaml:" not in run.stdout, run.stdout  # nor an unknown or unused directive


def test_a_plugin_rule_that_raises_is_cl000_for_that_document(site: Path, tmp_path: Path) -> None:
    boom = COMPLETE.replace("name: ranking-service", "name: boom-service\nx-boom: true")
    project = _project(tmp_path, "plugins: [acme]\n", **{"boom.yaml": boom})
    run = _run(site, project, "check", ".")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stdout.splitlines()
    crashed = [line for line in lines if "CL000" in line]
    assert len(crashed) == 1 and crashed[0].startswith("boom.yaml:"), run.stdout
    assert "ACME901 (boom) crashed" in crashed[0]
    assert "RuntimeError: x-boom is set" in crashed[0]
    # The other rules still ran on that document, and the other file was linted.
    assert any(line.startswith("boom.yaml:12:16: ACME900") for line in lines)  # a line lower
    assert any(line.startswith("ranking.yaml:11:16: ACME900") for line in lines)


def test_a_named_plugin_that_is_not_installed_is_exit_2(site: Path, tmp_path: Path) -> None:
    project = _project(tmp_path, "fail-on: warning\nplugins:\n  - acme\n  - not-installed\n")
    run = _run(site, project, "check", ".")
    assert run.returncode == 2
    assert ".contractlint.yaml:4: `plugins`: plugin `not-installed` is not installed" in (
        run.stderr
    ), run.stderr
    assert "pip install" in run.stderr
    assert "ACME900" not in run.stdout


def test_the_run_key_holds_the_plugin_and_its_version(site: Path, tmp_path: Path) -> None:
    probe = [
        "-c",
        "from contractlint import config; from contractlint.run import cache; "
        "print(cache.run_key(config.load()))",
    ]
    project = _project(tmp_path, "plugins: [acme]\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    with_plugin = subprocess.run(
        [sys.executable, *probe], cwd=project, env=env, capture_output=True, text=True
    )
    assert with_plugin.returncode == 0, with_plugin.stderr
    key = json.loads(with_plugin.stdout)
    assert key["config"]["plugins"] == [["acme", "0.1.0"]]
    # Its code too: the same version edited in place (an editable install) is a new key.
    module = site / "acme_contractlint.py"
    assert str(module) in key["plugins"]["acme"]
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    edited = subprocess.run(
        [sys.executable, *probe], cwd=project, env=env, capture_output=True, text=True
    )
    changed = json.loads(edited.stdout)
    assert changed["plugins"] != key["plugins"] and changed["config"] == key["config"]
    (project / ".contractlint.yaml").write_text("fail-on: error\n")
    without = subprocess.run(
        [sys.executable, *probe], cwd=project, env=env, capture_output=True, text=True
    )
    assert json.loads(without.stdout)["config"]["plugins"] == []


# --- the checks of a plugin's rules, in this process ----------------------------------


def _check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    yield Hit("", "found")


def _rule(code: str = "ACME100", name: str = "acme-rule") -> Rule:
    doc = RuleDoc(what="w", why="w", bad="", good="", fix="f")
    return Rule(code, name, Severity.WARNING, ("model-contract",), "s", doc, _check)


@pytest.mark.parametrize(
    ("registered", "message"),
    [
        ([_rule("CL999")], "never starts with CL"),
        ([_rule("acme1")], "a plugin rule's code"),
        ([_rule(name="Not Kebab")], "is not kebab-case"),
        ([_rule(name="missing-fallback")], "already a rule's name"),
        ([_rule(), _rule()], "the code is already a rule's"),
        (["not a rule"], "not a contractlint.api.Rule"),
    ],
)
def test_a_bad_plugin_rule_names_the_plugin(registered: list[object], message: str) -> None:
    with pytest.raises(plugins.PluginError, match="plugin `bad`") as raised:
        plugins._checked("bad", registered)
    assert message in str(raised.value)


def test_a_plugin_whose_register_raises_is_a_plugin_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Entry:
        def load(self) -> object:
            def register() -> list[Rule]:
                raise ValueError("no rules today")

            return register

    monkeypatch.setattr(plugins, "_find", lambda name: ("1.0", Entry()))
    plugins.load.cache_clear()
    try:
        with pytest.raises(plugins.PluginError, match="plugin `broken` failed to register"):
            plugins.load("broken")
    finally:
        plugins.load.cache_clear()


def test_the_api_exports_what_a_plugin_needs() -> None:
    from contractlint import api

    for name in ("Rule", "RuleDoc", "Hit", "Document", "Severity", "RuleOptions"):
        assert name in api.__all__
    assert "contractlint.plugins" in (api.__doc__ or "")


def test_test_rules_knows_plugin_rules(site: Path, tmp_path: Path) -> None:
    """A fixture may name a plugin's rule by code or name, as it names a built-in one."""
    lines = COMPLETE.splitlines()
    at = next(i for i, line in enumerate(lines) if "@feed-platform" in line)
    lines.insert(at, "  # ruleid: model-needs-owner-email")
    project = _project(tmp_path, "plugins: [acme]\n")
    (project / "rules-tests").mkdir()
    (project / "rules-tests" / "acme.yaml").write_text("\n".join(lines) + "\n")
    run = _run(site, project, "test-rules")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ACME900" in run.stdout and "1 passed" in run.stdout


@pytest.mark.parametrize("pointer", ["owners", "owners/scope", "~", "a//b/"])
def test_a_pointer_without_a_leading_slash_is_placed_at_the_document(pointer: str) -> None:
    """A plugin's Hit may carry a pointer that is no JSON pointer (`owners`): its finding
    goes to the nearest place that has a span, never round a loop (it hung the run)."""
    from contractlint.model import Span

    start, owners = Span(1, 1, 3, 1), Span(2, 8, 2, 20)
    document = Document(
        path="c.yaml",
        index=0,
        kind="model-contract",
        value={},
        spans={"": start, "/owners": owners},
        key_spans={},
        plain={},
    )
    if hasattr(signal, "SIGALRM"):  # a regression fails here instead of hanging the suite
        signal.signal(signal.SIGALRM, lambda *_: pytest.fail("span_for went round a loop"))
        signal.alarm(5)
    try:
        assert document.span_for(pointer) == start
        assert document.span_for("/owners/scope/x") == owners
    finally:
        if hasattr(signal, "SIGALRM"):
            signal.alarm(0)
