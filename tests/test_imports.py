"""What a run imports, and what it computes once per process.

Heavy modules are imported only when used: ``jsonschema`` only when a document
fails its compiled schema check, ``pathspec`` only for patterns, no part of
validation when every file is a cache hit, a report format only when asked
for, ``ruamel`` never. Each CLI case runs in a fresh interpreter (``sys.modules``
of this one holds everything the other tests imported) and prints its
``sys.modules`` after a marker. The schemas are compiled, and each referenced
file parsed, once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from contractlint import schemas
from contractlint.model import Problem
from contractlint.pipeline import engine, loader, schemacheck
from contractlint.pipeline.discover import Target
from contractlint.run import runner

from conftest import TODAY, make_config
from documents import EXPERIMENT, MODEL, PROBLEM, edit

MARKER = "@@contractlint-test-modules@@"
PROBE = textwrap.dedent(
    f"""\
    import json, sys
    from contractlint.cli.entry import main
    try:
        main(sys.argv[1:])
        code = 0
    except SystemExit as exc:
        code = exc.code
    sys.stdout.flush()
    print({MARKER!r} + json.dumps({{"code": code, "modules": sorted(sys.modules)}}))
    """
)
# Environment that would change the format or the cache of a run.
_RUN_ENV = (
    "NO_COLOR",
    "CONTRACTLINT_OUTPUT_FORMAT",
    "CONTRACTLINT_NO_CACHE",
    "CONTRACTLINT_CACHE_DIR",
    "CONTRACTLINT_DEBUG",
    "GITHUB_ACTIONS",
)
INVALID_MODEL = edit(MODEL, timeout_ms='"abc"')  # CL003: not a number


@dataclass(frozen=True)
class Run:
    code: Any
    output: str
    modules: frozenset[str]

    def imported(self, name: str) -> bool:
        """``name`` or any of its submodules is in ``sys.modules``."""
        return name in self.modules or any(m.startswith(name + ".") for m in self.modules)


def run_cli(cwd: Path, *args: str, cache: bool = False) -> Run:
    env = {k: v for k, v in os.environ.items() if k not in _RUN_ENV}
    if not cache:
        env["CONTRACTLINT_NO_CACHE"] = "1"  # tests/conftest.py sets it; the probe is explicit
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert MARKER in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    output, _, data = done.stdout.rpartition(MARKER)
    found = json.loads(data)
    return Run(found["code"], output, frozenset(found["modules"]))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder of its own: an empty ``[tool.contractlint]`` table stops the
    search for a configuration (no include or exclude patterns from a parent)."""
    (tmp_path / "pyproject.toml").write_text("[tool.contractlint]\n", encoding="utf-8")
    (tmp_path / "valid.yaml").write_text(MODEL, encoding="utf-8")
    (tmp_path / "invalid.yaml").write_text(INVALID_MODEL, encoding="utf-8")
    return tmp_path


# Modules a plain `check` of one valid file must not import.
NOT_FOR_A_VALID_FILE = (
    "jsonschema",  # the compiled schema check answers
    "ruamel",
    "pathspec",  # one named file: no pattern to match
    "contractlint.fix",
    "contractlint.git",
    "contractlint.formatters.sarif",
    "multiprocessing",  # one file: no workers
)


def test_a_valid_file_imports_no_heavy_module(project: Path) -> None:
    run = run_cli(project, "check", "valid.yaml", "--no-cache")
    assert run.code == 0, run.output
    assert run.output == "1 contract clean\n"
    assert run.imported("contractlint.pipeline.schemacheck")  # it was linted, not skipped
    assert run.imported("contractlint.pipeline.validate")
    assert [m for m in NOT_FOR_A_VALID_FILE if run.imported(m)] == []


def test_an_invalid_file_imports_jsonschema_to_explain_it(project: Path) -> None:
    run = run_cli(project, "check", "invalid.yaml", "--no-cache")
    assert run.code == 1, run.output
    assert "`timeout_ms` must be a number" in run.output
    assert run.imported("jsonschema")
    assert not run.imported("ruamel")
    assert not run.imported("pathspec")


LINTING = (
    "yaml",
    "jsonschema",
    "contractlint.pipeline.loader",
    "contractlint.pipeline.validate",
    "contractlint.pipeline.schemacheck",
    "contractlint.pipeline.engine",
    "contractlint.pipeline.locate",
    "contractlint.pipeline.jsonparse",
    "contractlint.pipeline.references",
    "contractlint.pipeline.suppress",
)


def test_a_warm_run_imports_nothing_of_linting(project: Path) -> None:
    cold = run_cli(project, "check", "valid.yaml", "invalid.yaml", cache=True)
    assert (project / ".contractlint_cache").is_dir()
    warm = run_cli(project, "check", "valid.yaml", "invalid.yaml", cache=True)
    assert cold.code == warm.code == 1
    assert warm.output == cold.output  # the cached findings, reported the same
    assert "`timeout_ms` must be a number" in warm.output
    assert [m for m in LINTING if not cold.imported(m)] == []
    assert [m for m in LINTING if warm.imported(m)] == []
    assert not cold.imported("ruamel")
    assert not warm.imported("ruamel")


def test_a_run_that_meets_no_contract_imports_nothing_of_linting(tmp_path: Path) -> None:
    # Stage sniff settles files without a `kind` of ours in this process, on their bytes:
    # no parser, no schema, not even on a cold run (the runner's promise).
    (tmp_path / "pyproject.toml").write_text("[tool.contractlint]\n", encoding="utf-8")
    (tmp_path / "deploy.yaml").write_text("apiVersion: v1\nkind: Service\n", encoding="utf-8")
    (tmp_path / "tsconfig.json").write_text('{\n  // JSONC\n  "a": 1,\n}\n', encoding="utf-8")
    (tmp_path / "README.md").write_text("# X\n\n```yaml\nkey: [\n```\n", encoding="utf-8")
    run = run_cli(tmp_path, "check", "--no-cache")
    assert run.code == 0, run.output
    assert run.output.startswith("No contract found in 3 files (a contract has kind: ")
    assert [m for m in LINTING if run.imported(m)] == []
    assert not run.imported("multiprocessing")
    # ...and with a contract among them, the same run does lint it.
    (tmp_path / "valid.yaml").write_text(MODEL, encoding="utf-8")
    linted = run_cli(tmp_path, "check", "--no-cache")
    assert linted.output == "1 contract clean (3 other files hold no contract)\n"
    assert linted.imported("contractlint.pipeline.loader") and linted.imported("yaml")


def test_a_run_in_workers_imports_no_process_pool(tmp_path: Path) -> None:
    """The workers are forked by ``run/parallel.py`` itself: importing ``multiprocessing``
    and ``concurrent.futures`` took 17 to 24 ms before any worker started."""
    (tmp_path / "pyproject.toml").write_text("[tool.contractlint]\n", encoding="utf-8")
    for index in range(100):
        (tmp_path / f"c{index}.yaml").write_text(edit(MODEL, name=f"m{index}"), encoding="utf-8")
    one, two = run_cli(tmp_path, "check", "-j", "1"), run_cli(tmp_path, "check", "-j", "2")
    assert one.code == two.code == 0 and one.output == two.output == "All 100 contracts clean\n"
    assert two.imported("pickle") and not one.imported("pickle")  # it did start workers
    assert not two.imported("multiprocessing") and not two.imported("concurrent.futures")


# What click and the document model would cost a run that needs neither.
START_UP = ("click", "dataclasses", "inspect", "pathlib", "hashlib")


def _already_loaded() -> frozenset[str]:
    """What this interpreter imports before any contractlint code (this sandbox's site
    imports pathlib, for one): not contractlint's doing."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return frozenset(json.loads(done.stdout))


def test_a_warm_check_imports_neither_click_nor_the_model(project: Path) -> None:
    an_hour_ago = time.time() - 3600  # a file changed just now is hashed again: racy
    for path in project.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    run_cli(project, "check", cache=True)
    warm = run_cli(project, "check", "-q", "--format", "text", cache=True)
    assert warm.code == 1 and "`timeout_ms` must be a number" in warm.output
    before = _already_loaded()
    assert [m for m in START_UP if warm.imported(m) and m not in before] == []
    assert not warm.imported("contractlint.cli.commands")
    assert not warm.imported("contractlint.model")


@pytest.mark.parametrize("text", [MODEL, EXPERIMENT, PROBLEM], ids=["model", "plan", "framing"])
def test_one_file_without_a_cache_imports_only_what_linting_needs(project: Path, text: str) -> None:
    # What an editor or a first pre-commit run pays on every call: no click, no
    # dataclasses (with inspect), no pathlib, no team rules or plugins module.
    (project / "one.yaml").write_text(text, encoding="utf-8")
    run = run_cli(project, "check", "--no-cache", "one.yaml")
    assert run.code in (0, 1) and "Traceback" not in run.output, run.output
    assert run.imported("contractlint.pipeline.engine")
    before = _already_loaded()
    assert [m for m in START_UP if run.imported(m) and m not in before] == []
    assert not run.imported("contractlint.team")
    assert not run.imported("contractlint.plugins")
    assert not run.imported("contractlint.jsonpath")


def test_a_line_the_quick_parser_does_not_know_goes_to_click(project: Path) -> None:
    run = run_cli(project, "check", "-j1", "valid.yaml")  # a value run into its short option
    assert run.code == 0 and run.output == "1 contract clean\n", run.output
    assert run.imported("click") and run.imported("contractlint.cli.commands")
    quick = run_cli(project, "check", "valid.yaml")
    assert quick.output == run.output and not quick.imported("click")


def test_a_named_configuration_and_report_file_need_no_click(project: Path) -> None:
    """`--config FILE -o FILE`, as CI steps and editors call it: the quick parser."""
    args = ("--config", "pyproject.toml", "--format", "sarif", "-o", "r.sarif", "valid.yaml")
    run = run_cli(project, "check", *args)
    assert run.code == 0 and (project / "r.sarif").is_file()
    assert not run.imported("click")


def test_new_never_imports_ruamel(project: Path) -> None:
    run = run_cli(project, "new", "model-contract", "-o", "x.yaml")
    assert run.code == 0, run.output
    assert "kind: model-contract" in (project / "x.yaml").read_text(encoding="utf-8")
    assert not run.imported("ruamel")
    assert not run.imported("jsonschema")


def test_fix_never_imports_ruamel(project: Path) -> None:
    fixme = project / "fixme.yaml"
    fixme.write_text(MODEL + "version: 1.10\n", encoding="utf-8")  # CL005, fixable
    run = run_cli(project, "check", "--fix", "fixme.yaml")
    assert 'version: "1.10"' in fixme.read_text(encoding="utf-8")  # fixed
    assert run.code == 0, run.output
    assert run.imported("contractlint.fix")
    assert not run.imported("ruamel")


def test_a_report_format_is_imported_only_when_asked_for(project: Path) -> None:
    run = run_cli(project, "check", "--format", "sarif", "valid.yaml")
    assert run.code == 0, run.output
    assert json.loads(run.output)["version"] == "2.1.0"
    assert run.imported("contractlint.formatters.sarif")  # the text format does not
    assert not run.imported("contractlint.formatters.junit")


# --- in one process --------------------------------------------------------------------


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    schemas.validator.cache_clear()
    schemacheck.checker.cache_clear()
    yield
    schemas.validator.cache_clear()
    schemacheck.checker.cache_clear()


def test_schemas_are_compiled_once_per_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    compiled: list[str] = []
    compile_schema = schemacheck.compile_schema

    def counting(schema: dict[str, Any]) -> schemacheck.Check:
        compiled.append(str(schema.get("$id")))
        return compile_schema(schema)

    monkeypatch.setattr(schemacheck, "compile_schema", counting)
    texts = {
        "model": [
            INVALID_MODEL,
            edit(MODEL, latency_budget_ms="5"),
            MODEL + "bogus: 1\n",
        ],
        "problem": [
            edit(PROBLEM, options="[{estimate_weeks: 1}]"),
            edit(PROBLEM, risks="5"),
            PROBLEM + "bogus: 1\n",
        ],
    }
    config = make_config(root=str(tmp_path))
    for prefix, documents in texts.items():
        for index, text in enumerate(documents):
            path = tmp_path / f"{prefix}-{index}.yaml"
            path.write_text(text, encoding="utf-8")
            result = engine.lint_file(Target(str(path), path.name), config, TODAY)
            assert any(f.code == "CL003" for f in result.findings), result.findings
    validators = schemas.validator.cache_info()
    checkers = schemacheck.checker.cache_info()
    assert (validators.misses, validators.currsize) == (2, 2)  # one per kind
    assert validators.hits >= 4
    assert (checkers.misses, checkers.currsize) == (2, 2)
    assert checkers.hits >= 4
    assert len(compiled) == 2


def test_a_referenced_file_is_parsed_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(MODEL, encoding="utf-8")
    targets = []
    for index in range(4):
        plan = tmp_path / f"plan-{index}.yaml"
        plan.write_text(EXPERIMENT + "contract: model.yaml\n", encoding="utf-8")
        targets.append(Target(str(plan), plan.name))
    referenced: list[str] = []
    parsed: list[str] = []
    read_references = engine.referenced_documents
    load = loader.load

    def spy_references(path: str, config: Any) -> tuple[Any, ...] | Problem:
        referenced.append(path)
        return read_references(path, config)

    def spy_load(path: str, *args: Any, **kwargs: Any) -> loader.Loaded:
        parsed.append(path)
        return load(path, *args, **kwargs)

    monkeypatch.setattr(engine, "referenced_documents", spy_references)
    monkeypatch.setattr(loader, "load", spy_load)
    report = runner.lint(targets, make_config(root=str(tmp_path)), TODAY, jobs=1)
    real = os.path.realpath(model)
    assert [r.depends_on for r in report.files] == [(real,)] * 4  # each plan followed it
    for result in report.files:  # what the contract holds reached every plan
        names = {f.name for f in result.findings}
        assert "metric-not-monitored" in names, result.findings
        assert "unresolved-reference" not in names
    assert referenced == [real]
    assert [p for p in parsed if p.endswith("model.yaml")] == [real]
    assert len(parsed) == 5  # four plans and the contract
