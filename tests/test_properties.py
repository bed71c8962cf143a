"""Hypothesis properties over generated documents (ARCHITECTURE "Tests tell the truth").

The strategies below build complete documents of each kind as Python values,
with random but valid content (owners, latency budgets with ordered
percentiles, experiment plans whose sample size is computed with the SPEC's
formula and then rounded up generously, ...), and write them as YAML (block or
flow style), JSON, or a fenced block in Markdown. Properties:

- a complete document raises nothing;
- removing one field, or replacing its value with a placeholder, raises
  exactly the rule for it and nothing else;
- swapping p50 and p95 raises CL104;
- no text and no bytes crash the linter, and every span lies inside the file;
- findings do not depend on the order of the files;
- the JSON output round-trips to the same findings.
"""

from __future__ import annotations

import copy
import json
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from statistics import NormalDist
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from contractlint.config import DEFAULT_PLACEHOLDERS, Config
from contractlint.formatters import Context
from contractlint.formatters.json_format import format_report
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.results import Finding, Severity
from contractlint.run.runner import lint

from conftest import TODAY, located

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONFIG = Config()
PLACEHOLDER_WORDS = frozenset(DEFAULT_PLACEHOLDERS)

# --------------------------------------------------------------------------- strategies

VOCABULARY = (
    "ranking", "feed", "search", "email", "user", "item", "score", "click", "open", "rate",
    "latency", "model", "serve", "popular", "cache", "flag", "alpha", "beta", "delta", "gamma",
    "north", "south", "blue", "green", "fast", "slow", "daily", "weekly", "shadow", "canary",
    "yes", "no", "on", "off", "true", "null2", "v1", "x86", "e5", "n_a", "tbd2", "café", "日本",
)  # fmt: skip
word = st.sampled_from(VOCABULARY)
identifier = st.lists(word, min_size=1, max_size=3).map("_".join)
kebab = st.lists(word, min_size=1, max_size=3).map("-".join)
sentence = st.lists(word, min_size=2, max_size=6).map(" ".join)
owner = st.one_of(
    word.map(lambda w: f"{w}@example.com"),
    word.map(lambda w: f"@{w}"),
    st.lists(word, min_size=2, max_size=3).map(" ".join),
)


@st.composite
def owners(draw: st.DrawFn) -> dict[str, str]:
    value = {"scope": draw(owner), "feasibility": draw(owner), "method": draw(owner)}
    for decision in draw(st.lists(identifier, max_size=2, unique=True)):
        value.setdefault(decision, draw(owner))
    return value


@st.composite
def common(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    document: dict[str, Any] = {"kind": kind, "name": draw(kebab), "owners": draw(owners())}
    if draw(st.booleans()):
        document["version"] = draw(st.sampled_from(["1.0", "1.10", "2", "0.3.1", "v4"]))
    if draw(st.booleans()):
        document["description"] = draw(sentence)
    if draw(st.booleans()):
        document["x-" + draw(identifier)] = draw(st.one_of(sentence, st.integers()))
    return document


ms = st.integers(min_value=1, max_value=400) | st.floats(min_value=0.5, max_value=400.0).map(
    lambda x: round(x, 2)
)
gap = st.integers(min_value=1, max_value=300) | st.floats(min_value=0.5, max_value=300.0).map(
    lambda x: round(x, 2)
)
field_type = st.sampled_from(
    ["string", "integer", "number", "boolean", "timestamp", "date", "ISO-8601", "datetime"]
)
typed = st.recursive(
    st.one_of(field_type, field_type.map(lambda t: [t]), st.sampled_from([0.0, True, 1])),
    lambda inner: st.dictionaries(identifier, inner, min_size=1, max_size=3),
    max_leaves=4,
)


@st.composite
def model_contract(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(common("model-contract"))
    p50 = draw(ms)
    p95 = round(p50 + draw(gap), 2)
    budget: dict[str, Any] = {"p50": p50, "p95": p95}
    if draw(st.booleans()):
        budget["p99"] = round(p95 + draw(gap), 2)
    fallback: Any = {"strategy": draw(identifier), "feature_flag": draw(identifier)}
    if draw(st.booleans()):
        fallback["description"] = draw(sentence)
    request = draw(st.dictionaries(identifier, typed, min_size=1, max_size=4))
    response = draw(st.dictionaries(identifier, typed, min_size=0, max_size=3))
    response["model_version"] = "string"
    document.update(
        {
            "endpoint": f"/v{draw(st.integers(1, 9))}/{draw(kebab)}",
            "request": request,
            "response": response,
            "latency_budget_ms": budget,
            "timeout_ms": round(max(budget.values()) + draw(gap), 2),
            "throughput_rps": draw(st.integers(1, 100_000)),
            "fallback": fallback,
            "monitoring": ["latency_p95", *draw(st.lists(identifier, max_size=3))],
            "retraining_trigger": draw(sentence),
            "rollback": draw(sentence),
            "logging": draw(st.lists(identifier, min_size=1, max_size=4)),
        }
    )
    return document


@st.composite
def guardrail(draw: st.DrawFn) -> dict[str, Any]:
    value: dict[str, Any] = {"metric": draw(identifier)}
    keys = draw(st.sets(st.sampled_from(["max_regression", "max", "min"]), min_size=1))
    for key in sorted(keys):
        value[key] = draw(st.floats(min_value=0, max_value=500).map(lambda x: round(x, 3)))
    if draw(st.booleans()):
        value["description"] = draw(sentence)
    return value


def _z(q: float) -> float:
    return NormalDist().inv_cdf(q)


def required_per_arm(metric: dict[str, Any], sample: dict[str, Any], arms: int) -> int:
    """SPEC 1.2, written out independently of contractlint.power."""
    alpha = sample["alpha"] / (arms - 1)  # bonferroni (k = 1 for two arms)
    z_alpha = _z(1 - alpha / 2) if sample["alternative"] == "two-sided" else _z(1 - alpha)
    z_beta = _z(sample["power"])
    effect = metric["minimum_detectable_effect"]
    if metric["type"] == "proportion":
        p1 = metric["baseline"]
        delta = effect.get("absolute", p1 * effect.get("relative", 0))
        p2 = p1 - delta if metric["direction"] == "decrease" else p1 + delta
        p_bar = (p1 + p2) / 2
        n = (
            z_alpha * math.sqrt(2 * p_bar * (1 - p_bar))
            + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
        ) ** 2 / delta**2
    else:
        delta = effect.get("absolute", abs(metric["baseline"]) * effect.get("relative", 0))
        n = 2 * metric["std_dev"] ** 2 * (z_alpha + z_beta) ** 2 / delta**2
    return math.ceil(n)


@st.composite
def experiment_plan(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(common("experiment-plan"))
    metric_type = draw(st.sampled_from(["proportion", "mean"]))
    metric: dict[str, Any] = {"name": draw(identifier), "type": metric_type}
    if metric_type == "proportion":
        metric["baseline"] = draw(st.floats(0.05, 0.6).map(lambda x: round(x, 3)))
        if draw(st.booleans()):
            effect = {"relative": draw(st.floats(0.02, 0.3).map(lambda x: round(x, 3)))}
        else:
            effect = {"absolute": draw(st.floats(0.005, 0.04).map(lambda x: round(x, 4)))}
    else:
        metric["baseline"] = draw(st.floats(1.0, 200.0).map(lambda x: round(x, 2)))
        metric["std_dev"] = draw(st.floats(0.5, 50.0).map(lambda x: round(x, 2)))
        effect = {"absolute": draw(st.floats(0.05, 5.0).map(lambda x: round(x, 3)))}
    metric["minimum_detectable_effect"] = effect
    metric["direction"] = draw(st.sampled_from(["increase", "decrease", "any"]))
    arms = draw(st.integers(2, 4))
    sample: dict[str, Any] = {
        "alpha": draw(st.sampled_from([0.01, 0.05, 0.1])),
        "power": draw(st.sampled_from([0.8, 0.9])),
        "alternative": draw(st.sampled_from(["two-sided", "one-sided"])),
    }
    margin = draw(st.floats(1.02, 2.0))
    sample["per_arm"] = math.ceil(required_per_arm(metric, sample, arms) * margin) + 1
    duration = draw(st.integers(7, 60))
    allocation = draw(st.sampled_from([1.0, 0.5, 0.25, 0.1]))
    daily = math.ceil(arms * sample["per_arm"] / (duration * allocation)) + 1
    document.update(
        {
            "hypothesis": draw(sentence),
            "primary_metric": metric,
            "guardrails": draw(st.lists(guardrail(), min_size=1, max_size=3)),
            "unit_of_randomization": draw(st.sampled_from(["user", "session", "account"])),
            "arms": arms,
            "correction": "bonferroni",
            "sample_size": sample,
            "duration_days": duration,
            "traffic": {"daily_units": daily, "allocation": allocation},
            "decision_rule": {
                "ship_if": draw(sentence),
                "threshold": draw(st.floats(0.001, 0.5).map(lambda x: round(x, 3))),
                "confidence": draw(st.sampled_from([0.9, 0.95, 0.99])),
            },
            "data_quality": draw(st.lists(identifier, min_size=1, max_size=4)),
        }
    )
    if draw(st.booleans()):
        document["stopping_rule"] = "fixed_horizon"
        document["interim_looks"] = 0
    else:
        document["stopping_rule"] = "sequential"
        document["sequential_method"] = draw(st.sampled_from(["msprt", "group_sequential"]))
        document["interim_looks"] = draw(st.integers(0, 5))
    return document


@st.composite
def problem_framing(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(common("problem-framing"))
    names = draw(st.lists(identifier, min_size=2, max_size=4, unique=True))
    options = [{"name": "baseline"}] + [{"name": n} for n in names if n != "baseline"]
    assume(len(options) >= 3)
    for option in options:
        option["estimate_weeks"] = draw(st.integers(1, 26))
        if draw(st.booleans()):
            option["description"] = draw(sentence)
    primary: dict[str, Any] = {
        "name": draw(identifier),
        "target_lift": draw(st.floats(0.001, 0.5).map(lambda x: round(x, 3))),
    }
    if draw(st.booleans()):
        primary["baseline"] = draw(st.floats(0.01, 0.99).map(lambda x: round(x, 3)))
    constraints = {"privacy": draw(sentence), "latency": draw(sentence)}
    for key in draw(st.lists(st.sampled_from(["platform", "compliance", "budget"]), unique=True)):
        constraints[key] = draw(sentence)
    document.update(
        {
            "problem": draw(sentence),
            "user_outcome": draw(sentence),
            "business_outcome": {"kpi": draw(identifier), "target": draw(st.floats(0.001, 1.0))},
            "constraints": constraints,
            "metrics": {
                "primary": primary,
                "guardrails": draw(st.lists(guardrail(), min_size=1, max_size=3)),
            },
            "options": draw(st.permutations(options)),
            "risks": [
                {"risk": draw(sentence), "mitigation": draw(sentence)}
                for _ in range(draw(st.integers(1, 3)))
            ],
            "validation": {"offline": draw(sentence), "online": draw(sentence)},
        }
    )
    return document


STANDARD_ITEMS = (
    "io-typed-validated-versioned",
    "latency-throughput-within-budget",
    "fallback-verified",
    "monitoring-dashboards",
    "logging-fields-non-null",
    "rollback-documented",
)


@st.composite
def acceptance_checklist(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(common("acceptance-checklist"))
    ids = list(STANDARD_ITEMS) + draw(
        st.lists(kebab.filter(lambda k: k not in STANDARD_ITEMS), max_size=2, unique=True)
    )
    items = []
    for item_id in draw(st.permutations(ids)):
        if draw(st.booleans()):
            item = {"id": item_id, "status": "done", "evidence": draw(sentence)}
        else:
            item = {"id": item_id, "status": "n/a", "reason": draw(sentence)}
        if draw(st.booleans()):
            item["notes"] = draw(sentence)
        items.append(item)
    document["items"] = items
    return document


complete_document = st.one_of(
    model_contract(), experiment_plan(), problem_framing(), acceptance_checklist()
)
FORMATS = ("yaml-block", "yaml-flow", "json", "markdown")
fmt = st.sampled_from(FORMATS)


def dump(document: dict[str, Any], how: str) -> tuple[str, str]:
    """``(file name, text)`` of ``document`` written as ``how``."""
    if how == "json":
        return "contract.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    flow = None if how == "yaml-flow" else False
    text = yaml.safe_dump(document, default_flow_style=flow, sort_keys=False, allow_unicode=True)
    if how == "markdown":
        return "contract.md", f"# Launch review\n\nProse first.\n\n```yaml\n{text}```\n\nMore.\n"
    return "contract.yaml", text


@contextmanager
def written(files: dict[str, bytes]) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(data)
        yield folder


def lint_one(text: str, name: str) -> list[Finding]:
    with written({name: text.encode("utf-8")}) as folder:
        path = os.path.join(folder, name)
        return list(lint_file(Target(path, name), CONFIG, TODAY).findings)


def lint_document(document: dict[str, Any], how: str) -> list[Finding]:
    name, text = dump(document, how)
    return lint_one(text, name)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# --------------------------------------------------------------------------- complete


@SETTINGS
@given(complete_document, fmt)
def test_a_complete_document_raises_nothing(document, how):
    findings = lint_document(document, how)
    assert located(findings) == []


@settings(max_examples=15, deadline=None)
@given(st.lists(complete_document, min_size=2, max_size=4))
def test_several_complete_documents_in_one_file_raise_nothing(documents):
    text = yaml.safe_dump_all(documents, sort_keys=False)
    assert located(lint_one(text, "contracts.yaml")) == []


# --------------------------------------------------------------------------- removing a field

REMOVALS = {
    "fallback": ("model-contract", ("fallback",), "CL101"),
    "latency_budget_ms": ("model-contract", ("latency_budget_ms",), "CL103"),
    "timeout_ms": ("model-contract", ("timeout_ms",), "CL105"),
    "owners.scope": (None, ("owners", "scope"), "CL401"),
    "owners.feasibility": (None, ("owners", "feasibility"), "CL401"),
    "owners.method": (None, ("owners", "method"), "CL401"),
    "guardrails": ("experiment-plan", ("guardrails",), "CL201"),
    "metrics.guardrails": ("problem-framing", ("metrics", "guardrails"), "CL201"),
}
STRATEGIES = {
    "model-contract": model_contract(),
    "experiment-plan": experiment_plan(),
    "problem-framing": problem_framing(),
    "acceptance-checklist": acceptance_checklist(),
}


@st.composite
def removal(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[str, ...], str]:
    label = draw(st.sampled_from(sorted(REMOVALS)))
    kind, path, code = REMOVALS[label]
    kind = kind or draw(st.sampled_from(sorted(STRATEGIES)))
    return draw(STRATEGIES[kind]), path, code


def parent_of(document: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    node = document
    for key in path[:-1]:
        node = node[key]
    return node


@SETTINGS
@given(removal(), fmt)
def test_removing_a_field_raises_exactly_its_rule(case, how):
    document, path, code = case
    broken = copy.deepcopy(document)
    del parent_of(broken, path)[path[-1]]
    findings = lint_document(broken, how)
    assert codes(findings) == [code], located(findings)
    assert lint_document(document, how) == []


@SETTINGS
@given(st.one_of(experiment_plan(), problem_framing()), fmt)
def test_emptying_the_guardrails_raises_cl201(document, how):
    broken = copy.deepcopy(document)
    holder = broken["metrics"] if broken["kind"] == "problem-framing" else broken
    holder["guardrails"] = []
    assert codes(lint_document(broken, how)) == ["CL201"]


@SETTINGS
@given(model_contract(), fmt)
def test_removing_the_whole_owners_raises_one_cl401_per_decision(document, how):
    del document["owners"]
    findings = lint_document(document, how)
    assert codes(findings) == ["CL401"] * 3
    assert len({f.message for f in findings}) == 3


# --------------------------------------------------------------------------- CL104


@SETTINGS
@given(model_contract(), fmt)
def test_swapping_p50_and_p95_raises_cl104(document, how):
    budget = document["latency_budget_ms"]
    assume(budget["p50"] < budget["p95"])
    budget["p50"], budget["p95"] = budget["p95"], budget["p50"]
    findings = lint_document(document, how)
    assert codes(findings) == ["CL104"], located(findings)
    assert "p50" in findings[0].message and "p95" in findings[0].message


@SETTINGS
@given(model_contract(), fmt, st.floats(0, 1))
def test_timeout_at_or_below_the_budget_raises_cl104(document, how, fraction):
    largest = max(document["latency_budget_ms"].values())
    document["timeout_ms"] = max(0.01, round(largest * fraction, 2))
    assert codes(lint_document(document, how)) == ["CL104"]


# --------------------------------------------------------------------------- placeholders


@st.composite
def placeholder(draw: st.DrawFn) -> Any:
    """A placeholder as people write it: any case, padded, or null."""
    if draw(st.integers(0, 9)) == 0:
        return None
    written = draw(st.sampled_from(sorted(PLACEHOLDER_WORDS)))
    written = draw(st.sampled_from([str.lower, str.upper, str.title]))(written)
    return draw(st.sampled_from(["", " ", "  "])) + written + draw(st.sampled_from(["", " "]))


PLACEHOLDER_TARGETS = {
    "fallback": ("model-contract", ("fallback",), "CL101"),
    "fallback.strategy": ("model-contract", ("fallback", "strategy"), "CL101"),
    "fallback.feature_flag": ("model-contract", ("fallback", "feature_flag"), "CL102"),
    "latency_budget_ms": ("model-contract", ("latency_budget_ms",), "CL103"),
    "latency_budget_ms.p95": ("model-contract", ("latency_budget_ms", "p95"), "CL103"),
    "timeout_ms": ("model-contract", ("timeout_ms",), "CL105"),
    "owners": (None, ("owners",), "CL401"),
    "owners.scope": (None, ("owners", "scope"), "CL401"),
    "owners.method": (None, ("owners", "method"), "CL401"),
    "guardrails": ("experiment-plan", ("guardrails",), "CL201"),
    "metrics.guardrails": ("problem-framing", ("metrics", "guardrails"), "CL201"),
}


@st.composite
def placeholder_case(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[str, ...], str, Any]:
    label = draw(st.sampled_from(sorted(PLACEHOLDER_TARGETS)))
    kind, path, code = PLACEHOLDER_TARGETS[label]
    kind = kind or draw(st.sampled_from(sorted(STRATEGIES)))
    return draw(STRATEGIES[kind]), path, code, draw(placeholder())


@SETTINGS
@given(placeholder_case(), fmt)
def test_a_placeholder_raises_the_rule_for_its_field(case, how):
    document, path, code, value = case
    parent_of(document, path)[path[-1]] = value
    findings = lint_document(document, how)
    expected = [code] * (3 if path == ("owners",) else 1)
    assert codes(findings) == expected, (value, located(findings))


@SETTINGS
@given(st.one_of(experiment_plan(), problem_framing()), placeholder(), fmt)
def test_placeholder_thresholds_raise_cl202(document, value, how):
    holder = document["metrics"] if document["kind"] == "problem-framing" else document
    first = holder["guardrails"][0]
    for key in ("max_regression", "max", "min"):
        if key in first:
            first[key] = value
    findings = lint_document(document, how)
    assert codes(findings) == ["CL202"], located(findings)


# --------------------------------------------------------------------------- no crash, spans


def file_lines(data: bytes) -> list[str] | None:
    """The file's lines as contractlint counts them (LF, CRLF or CR; BOM dropped)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_spans_inside(findings: list[Finding], lines: list[str]) -> None:
    for f in findings:
        where = (f.code, f.line, f.column, f.end_line, f.end_column, f.message)
        assert 1 <= f.line <= len(lines), where
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, where
        assert (f.end_line, f.end_column) >= (f.line, f.column), where
        assert f.end_line <= len(lines), where
        assert f.end_column >= 1, where


CANDIDATE = b"kind: model-contract\n"
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def may_hold_a_kind(data: bytes) -> bool:
    """Whether the text could hold a `kind` key at all, read leniently (a file with a
    UTF-16/32 byte-order mark decoded as such): an oracle that knows nothing of the
    sniff's pattern. Without the word `kind`, a file is no candidate (SPEC 1)."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return "kind" in data.decode(encoding, errors="replace")
    return b"kind" in data


def check_no_crash(data: bytes, name: str) -> None:
    with written({name: data}) as folder:
        result = lint_file(Target(os.path.join(folder, name), name), CONFIG, TODAY)
    findings = list(result.findings)
    assert all(isinstance(f, Finding) for f in findings)
    assert all(f.path == name for f in findings)
    if not may_hold_a_kind(data):
        # Not a candidate: no finding of any code (SPEC 1), whatever the bytes.
        assert findings == []
        return
    # A file that starts with a contract's kind line is a candidate for sure.
    candidate = data.removeprefix(b"\xef\xbb\xbf").startswith(CANDIDATE)
    lines = file_lines(data)
    if lines is None:
        # Not UTF-8: nothing (no contract in it), or one CL006 that names the byte (or
        # the encoding), at a place inside the file read leniently (each invalid byte
        # shown as one replacement character). A candidate always gets the CL006.
        assert [f.code for f in findings] in ([], ["CL006"])
        if candidate:
            assert [f.code for f in findings] == ["CL006"]
        for finding in findings:
            assert any(
                words in finding.message for words in ("not valid UTF-8", "binary", "encoded as")
            ), finding.message
        lenient = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
        assert_spans_inside(findings, lenient.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    else:
        assert_spans_inside(findings, lines)
        if candidate and b"\x00" not in data[:8192]:
            # Parsed: any CL006 is about a NUL past the first 8 KiB, never the encoding.
            assert "CL006" not in [f.code for f in findings], located(findings)


# Any text, including the characters PyYAML reads as line breaks but editors do
# not (U+0085, U+2028, U+2029), and control characters the YAML reader rejects.
any_text = st.text(st.characters(blacklist_categories=("Cs",)))
yamlish_text = st.lists(
    st.sampled_from(
        [
            "kind: model-contract\n",
            "kind: ModelContract\n",
            "name: x\n",
            "fallback: TBD\n",
            "latency_budget_ms: {p50: 50, p95: 120}\n",
            "timeout_ms: 300\n",
            "owners: {scope: a}\n",
            "---\n",
            "- ",
            "  ",
            "[",
            "]",
            "{",
            "}",
            ": ",
            "&a ",
            "*a ",
            "<<: ",
            "!!python/object ",
            '"',
            "'",
            "#",
            "\t",
            "\r\n",
            "\r",
            "```yaml\n",
            "```\n",
            '{"kind": "model-contract", ',
            '"a": 1, "a": ',
            "\ufeff",
            "é",
            "\U0001f600",
            "1.10",
            "no",
            "\x00",
            "\x0c",
            "\u2028",
            "\x85",
        ]
    ),
    max_size=40,
).map("".join)


TEXT_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@TEXT_SETTINGS
@given(
    st.one_of(any_text, yamlish_text, any_text.map(lambda text: CANDIDATE.decode() + text)),
    st.sampled_from(["f.yaml", "f.json"]),
)
@example("kind: model-contract\nname: [x\n", "f.yaml")
@example('{"kind": "model-contract",}', "f.json")
@example("\ufeffkind: model-contract\r\nfallback: TBD\r\n", "f.yaml")
@example("a: b\rc: [\r", "f.yaml")
@example("x" * 9000 + "\x00", "f.yaml")
@example("kind: model-contract\u2028name: [x", "f.yaml")
@example("", "f.json")
@example("kind: model-contract\n\x00", "f.yaml")
@example("kind: model-contract\n!!python/object/apply:os.system [x]", "f.yaml")
def test_no_text_crashes_the_linter_and_spans_stay_inside(text, name):
    check_no_crash(text.encode("utf-8"), name)


any_bytes = st.binary(max_size=300)


@TEXT_SETTINGS
@given(
    st.one_of(
        any_bytes,
        any_bytes.map(lambda data: CANDIDATE + data),  # a candidate: parsed or CL006
        st.tuples(any_bytes, any_bytes).map(lambda parts: parts[0] + b"\n" + CANDIDATE + parts[1]),
    ),
    st.sampled_from(["f.yaml", "f.json"]),
)
@example(b"\xef\xbb\xbfname: caf\xe9\n", "f.yaml")
@example(b"\xef\xbb\xbfkind: model-contract\nname: caf\xe9\n", "f.yaml")
@example(b"\xff\xfe\x00", "f.json")
@example("kind: model-contract\n".encode("utf-16"), "f.yaml")
@example("kind: model-contract\n".encode("utf-32"), "f.json")
@example(b"\r\x80", "f.yaml")
@example(b"kind: model-contract\n\r\x80", "f.yaml")
@example(b"kind: model-contract\n\x00\x01", "f.json")
def test_no_bytes_crash_the_linter(data, name):
    check_no_crash(data, name)


@TEXT_SETTINGS
@given(
    st.tuples(st.sampled_from(["```yaml\n", "---\n", "text\n\n~~~json\n"]), yamlish_text).map(
        lambda parts: (parts[0] + parts[1]).encode("utf-8")
    )
)
@example(b"```yaml\nkind: model-contract\nname: [\n```\n")
@example(b'```yaml\n"')
@example(b'```yaml\nkind: model-contract\n"')
def test_no_markdown_crashes_the_linter_and_spans_stay_inside(data):
    check_no_crash(data, "f.md")


@settings(max_examples=50, deadline=None)
@given(complete_document, fmt, st.data())
def test_spans_of_broken_documents_stay_inside(document, how, data):
    """Truncate or corrupt a real document at a random place."""
    _, text = dump(document, how)
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.sampled_from(["", "[", "{", ": x", "\n  - ", "'", '"', ",", "}"]))
    name = "f.json" if how == "json" else ("f.md" if how == "markdown" else "f.yaml")
    check_no_crash((text[:cut] + junk + text[cut:]).encode("utf-8"), name)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_unicode_line_separators_keep_findings_inside_the_file(separator):
    """PyYAML breaks lines at these characters; editors and contractlint do not."""
    data = f"kind: model-contract{separator}name: x{separator}fallbakc: 1\n".encode()
    with written({"f.yaml": data}) as folder:
        result = lint_file(Target(os.path.join(folder, "f.yaml"), "f.yaml"), CONFIG, TODAY)
    assert_spans_inside(list(result.findings), file_lines(data) or [])


# --------------------------------------------------------------------------- file order


@st.composite
def a_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file of a project: a complete document, a broken one, or junk."""
    choice = draw(st.integers(0, 3))
    document = draw(complete_document)
    how = draw(fmt)
    if choice == 1:
        key = draw(st.sampled_from(sorted(k for k in document if k not in ("kind", "name"))))
        del document[key]
    if choice == 2 and document["kind"] in ("experiment-plan", "acceptance-checklist"):
        document["contract"] = draw(st.sampled_from(["f0.yaml", "f1.json", "missing.yaml"]))
    name, text = dump(document, how)
    if choice == 3:
        text = draw(yamlish_text)
    return name.rsplit(".", 1)[1], text.encode("utf-8")


@settings(max_examples=25, deadline=None)
@given(st.lists(a_file(), min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_file_order(files, random):
    named = {f"f{i}.{suffix}": data for i, (suffix, data) in enumerate(files)}
    with written(named) as folder:
        targets = [Target(os.path.join(folder, name), name) for name in named]
        shuffled = list(targets)
        random.shuffle(shuffled)
        first = lint(targets, CONFIG, TODAY)
        second = lint(shuffled, CONFIG, TODAY)
        reversed_ = lint(list(reversed(targets)), CONFIG, TODAY)
    assert sorted(first.findings, key=lambda f: f.sort_key) == sorted(
        second.findings, key=lambda f: f.sort_key
    )
    assert sorted(first.findings, key=lambda f: f.sort_key) == sorted(
        reversed_.findings, key=lambda f: f.sort_key
    )
    by_path = {r.path: r for r in first.files}
    for result in second.files:
        assert by_path[result.path] == result


# --------------------------------------------------------------------------- JSON output


@settings(max_examples=25, deadline=None)
@given(st.lists(a_file(), min_size=1, max_size=4))
def test_json_output_round_trips(files):
    named = {f"f{i}.{suffix}": data for i, (suffix, data) in enumerate(files)}
    with written(named) as folder:
        report = lint([Target(os.path.join(folder, n), n) for n in named], CONFIG, TODAY)
    payload = json.loads(format_report(report, Context()))
    assert payload["version"] == 1
    assert payload["findings"] == [f.to_dict() for f in report.findings]
    rebuilt = [Finding(**{**d, "severity": Severity(d["severity"])}) for d in payload["findings"]]
    assert rebuilt == list(report.findings)
    assert payload["summary"] == report.summary()
    assert payload["summary"]["findings"] == len(report.findings)
