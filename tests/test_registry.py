"""Invariants of the rule registry, and every rule's documentation examples executed."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from contractlint import explain
from contractlint.kinds import KINDS
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import diff_file
from contractlint.results import Finding, Severity
from contractlint.rules import BY_CODE, BY_NAME, RULES, lookup

from conftest import TODAY, codes, make_config

RULES_FOLDER = Path(__file__).resolve().parent.parent / "src" / "contractlint" / "rules"

# Rules whose problem cannot be written as a YAML snippet (a crash, an unreadable file).
NO_TEXT_EXAMPLE = {"CL000", "CL006"}
# Every code the SPEC defines so far; codes are never reused for another name.
SPEC_NAMES = {
    "CL000": "internal-error",
    "CL001": "invalid-syntax",
    "CL002": "unknown-kind",
    "CL003": "schema-violation",
    "CL004": "duplicate-key",
    "CL005": "ambiguous-scalar",
    "CL006": "unreadable-file",
    "CL007": "document-too-complex",
    "CL008": "unused-suppression",
    "CL009": "placeholder-value",
    "CL010": "expired-suppression",
    "CL101": "missing-fallback",
    "CL102": "fallback-unverified",
    "CL103": "unset-latency-budget",
    "CL104": "latency-budget-inconsistent",
    "CL105": "missing-timeout",
    "CL201": "missing-guardrails",
    "CL202": "guardrail-without-threshold",
    "CL106": "missing-rollback-plan",
    "CL107": "missing-retraining-trigger",
    "CL108": "missing-throughput-budget",
    "CL203": "vague-success-metric",
    "CL204": "missing-decision-threshold",
    "CL205": "missing-monitoring",
    "CL206": "latency-not-monitored",
    "CL207": "no-online-validation",
    "CL301": "missing-sample-size",
    "CL302": "underpowered-experiment",
    "CL303": "missing-duration",
    "CL304": "short-duration",
    "CL305": "missing-stopping-rule",
    "CL306": "peeking-risk",
    "CL307": "missing-randomization-unit",
    "CL308": "insufficient-traffic",
    "CL309": "uncorrected-multiple-comparisons",
    "CL310": "missing-data-quality-checks",
    "CL311": "underpowered-guardrail",
    "CL312": "zero-margin-guardrail",
    "CL313": "analysis-unit-mismatch",
    "CL314": "unquantified-sequential-design",
    "CL315": "partial-week-duration",
    "CL316": "missing-srm-check",
    "CL317": "ship-bar-above-mde",
    "CL401": "unowned-decision",
    "CL402": "risk-without-mitigation",
    "CL403": "missing-risks",
    "CL404": "missing-scope-options",
    "CL405": "option-without-estimate",
    "CL406": "missing-constraints",
    "CL501": "untyped-field",
    "CL502": "missing-model-version",
    "CL503": "unversioned-endpoint",
    "CL504": "missing-logging-fields",
    "CL505": "deprecated-field-name",
    "CL601": "missing-acceptance-item",
    "CL602": "unverified-acceptance-item",
    "CL603": "open-acceptance-item",
    "CL604": "unresolved-reference",
    "CL605": "metric-not-monitored",
    "CL701": "removed-response-field",
    "CL702": "changed-field-type",
    "CL703": "added-request-field",
    "CL704": "endpoint-changed-without-version",
    "CL705": "removed-fallback",
    "CL706": "latency-budget-raised",
    "CL707": "removed-monitoring",
    "CL708": "removed-guardrail",
    "CL709": "primary-metric-changed",
}


def test_every_spec_rule_is_registered() -> None:
    assert set(SPEC_NAMES) == set(BY_CODE)


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len(BY_CODE) == len(RULES)
    assert len(BY_NAME) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"CL\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name), rule.name
        assert isinstance(rule.severity, Severity)
        assert rule.kinds and set(rule.kinds) <= set(KINDS)


def test_codes_and_names_match_the_spec() -> None:
    for rule in RULES:
        assert SPEC_NAMES.get(rule.code) == rule.name, rule.code


def test_registry_is_sorted_by_code() -> None:
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    doc = rule.doc
    for section in (rule.summary, doc.what, doc.why, doc.fix):
        assert section.strip(), rule.code
    assert len(doc.why) > 150, f"{rule.code}: the why should teach, not label"
    if rule.code not in NO_TEXT_EXAMPLE:
        assert doc.bad.strip() and doc.good.strip(), rule.code
    text = explain.as_text(rule)
    for heading in ("Why it matters", "How to fix", "Fixable by --fix"):
        assert heading in text


@pytest.mark.parametrize(
    "rule", [r for r in RULES if r.code not in NO_TEXT_EXAMPLE], ids=lambda r: r.code
)
def test_failing_example_raises_the_rule(rule, lint_text, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if rule.compare is not None:
        assert rule.code in codes(diff_text(rule.doc.old, rule.doc.bad, tmp_path)), rule.doc.bad
        return
    assert rule.code in codes(lint_text(rule.doc.bad, files=rule.doc.files)), rule.doc.bad


@pytest.mark.parametrize(
    "rule", [r for r in RULES if r.code not in NO_TEXT_EXAMPLE], ids=lambda r: r.code
)
def test_passing_example_does_not_raise_the_rule(rule, lint_text, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if rule.compare is not None:
        assert rule.code not in codes(diff_text(rule.doc.old, rule.doc.good, tmp_path))
        assert diff_text(rule.doc.old, rule.doc.old, tmp_path) == []  # no change, no finding
        return
    assert rule.code not in codes(lint_text(rule.doc.good, files=rule.doc.files)), rule.doc.good


def diff_text(old: str, new: str, folder: Path) -> list[Finding]:
    path = folder / "new.yaml"
    path.write_text(new, encoding="utf-8")
    config = make_config(root=str(folder))
    result = diff_file(old.encode("utf-8"), Target(str(path), "new.yaml"), config, TODAY)
    return list(result.findings)


def test_breaking_change_rules_document_their_old_version() -> None:
    for rule in RULES:
        assert bool(rule.doc.old) == (rule.compare is not None), rule.code
        assert rule.check is None or rule.compare is None, rule.code


def test_lookup_by_code_or_name() -> None:
    assert lookup("CL101") is lookup("missing-fallback") is lookup("cl101")
    assert lookup("nope") is None


def test_readme_lists_every_rule() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.code} | {rule.name} | {rule.severity.value} |" in readme, rule.code


def test_the_table_matches_every_rule_module() -> None:
    """The registry's table (read without importing a rule) names each module's own
    code and name, in the order the rules run, and every rule module is in it."""
    import importlib
    import pkgutil

    from contractlint import rules as package
    from contractlint.rules import _TABLE, CODE_OF_NAME, CODES

    for (code, name, module, _), rule in zip(_TABLE, RULES):
        loaded = importlib.import_module(f"contractlint.rules.{module}").RULE
        assert (loaded.code, loaded.name) == (code, name) == (rule.code, rule.name)
    assert len(RULES) == len(_TABLE) == len(CODES) == len(CODE_OF_NAME)
    modules = {
        m.name.removeprefix("contractlint.rules.")
        for m in pkgutil.walk_packages(package.__path__, "contractlint.rules.")
        if not m.ispkg and not m.name.rpartition(".")[2].startswith("_")
    }
    assert modules == {module for _, _, module, _ in _TABLE}


def test_codes_and_names_are_known_without_importing_a_rule() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from contractlint import config\n"
        "c = config.load(None)\n"
        "assert c.is_enabled('CL101')\n"
        "print(sorted(m for m in sys.modules if m.startswith('contractlint.rules.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
    assert "missing-fallback" in BY_NAME and "CL101" in BY_CODE and lookup("cl101") is not None


def _modules() -> dict[str, ast.Module]:
    """Every module of the rules package but the package files, by its dotted name below
    `rules` (`document.missing_fallback`), parsed."""
    return {
        ".".join(path.relative_to(RULES_FOLDER).with_suffix("").parts): ast.parse(
            path.read_text(encoding="utf-8")
        )
        for path in sorted(RULES_FOLDER.rglob("*.py"))
        if path.name != "__init__.py"
    }


def test_rules_are_grouped_by_how_they_report() -> None:
    """Stage-reported codes, document rules and diff rules live apart (SPEC 2, issue 15)."""
    from contractlint.rules import _TABLE, RULES

    group_of = {code: module.split(".")[0] for code, _, module, _ in _TABLE}
    for rule in RULES:
        group = group_of[rule.code]
        expected = "diff" if rule.compare else "document" if rule.check else "stage"
        assert group == expected, rule.code


def test_the_table_is_the_only_place_a_code_or_name_is_written() -> None:
    """Each rule module builds its RULE with `registered(__name__, ...)`, which takes the
    code and name from the table; no module of the package writes one as a value (prose
    in messages and documentation may still name other rules, `see CL302`)."""
    from contractlint.rules import _TABLE

    names = {name for _, name, _, _ in _TABLE}
    rule_modules = {module for _, _, module, _ in _TABLE}
    for stem, tree in _modules().items():
        docstring = ast.get_docstring(tree) or ""
        assert not re.search(r"CL\d{3}", docstring), f"{stem}: the docstring names a code"
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not re.fullmatch(r"CL\d{3}", node.value), f"{stem}: {node.value!r}"
                assert node.value not in names, f"{stem}: {node.value!r}"
            if isinstance(node, ast.Call):
                called = node.func.id if isinstance(node.func, ast.Name) else ""
                assert called != "Rule", f"{stem}: builds a Rule itself; use registered()"
                keywords = {keyword.arg for keyword in node.keywords}
                assert not keywords & {"code", "name", "kinds"}, (
                    f"{stem}: passes a code, name or kinds"
                )
        if stem in rule_modules:
            (value,) = [
                node.value
                for node in tree.body
                if isinstance(node, ast.Assign)
                and [ast.unparse(target) for target in node.targets] == ["RULE"]
            ]
            assert isinstance(value, ast.Call) and ast.unparse(value.func) == "registered", stem
            assert ast.unparse(value.args[0]) == "__name__", stem


def test_rules_import_only_helpers_and_the_registry() -> None:
    """A rule imports no other rule: what two rules share lives in a `_` helper module."""
    from contractlint.rules import _TABLE

    rule_modules = {module for _, _, module, _ in _TABLE}
    for stem, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                anchor = ["contractlint", "rules"][: 3 - node.level] if node.level else []
                module = ".".join([*anchor, *([node.module] if node.module else [])])
                imported = [f"{module}.{alias.name}" for alias in node.names] + [module]
            elif isinstance(node, ast.Import):
                imported = [alias.name for alias in node.names]
            else:
                continue
            for target in imported:
                if target.startswith("contractlint.rules."):
                    first = target.split(".")[2]
                    assert first not in rule_modules, f"{stem} imports the rule {first}"
                    assert first.startswith("_") or first == "registered", f"{stem}: {target}"


@pytest.mark.parametrize("kind", [*KINDS, "data-contract"])
def test_a_kind_gets_the_rules_that_check_it_and_imports_no_other(kind: str) -> None:
    """`checking(kind)`: every rule with a check that applies to the kind (a declared
    kind, such as `data-contract`, the universal ones), in table order, and none other."""
    from contractlint.rules import checking

    expected = [r.code for r in RULES if r.check is not None and r.applies_to(kind)]
    assert [r.code for r in checking(kind) if r.check is not None] == expected
    assert all(r.applies_to(kind) and r.compare is None for r in checking(kind))


def test_a_one_kind_run_imports_only_that_kinds_rule_modules() -> None:
    probe = (
        "import json, sys\n"
        "from contractlint.rules import checking\n"
        "checking('model-contract')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('contractlint.rules.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    imported = {m for m in json.loads(done.stdout) if m.count(".") == 3}  # the rule modules
    assert imported
    assert not any(".diff." in m for m in imported)
    assert "contractlint.rules.document.missing_guardrails" not in imported  # a plan's
    assert "contractlint.rules.document.missing_fallback" in imported
