"""Hypothesis strategies for the property tests (``tests/properties/``): two generators
of complete documents, how to write and lint them, and the table of single edits.

The catalog generator (``case_of``, ``any_case``) builds COMPLETE documents of the four
kinds with random but realistic values: people's owners, metric names, latency budgets
with p50 < p90 < p95 < p99 < timeout, experiment plans whose ``per_arm`` is the required
n of SPEC 1.2 (``contractlint.power.required_per_arm``, for up to four arms so that
adding an arm under Bonferroni stays powered) plus a random margin, with traffic that
reaches the sample size even in one day, and file references (``contract:``,
``validation.online``) to complete documents of the right kind. A document is written as
YAML (block, flow or mixed style), JSON, or a fenced block in Markdown, with its mapping
keys in any order (``written``, ``lint_case``).

The edit table ``MUTATIONS`` lists single edits of such a document (remove a field, make
it a placeholder, break a value...) with the rules the SPEC names for each, each as many
times as there are items at fault (``mutated``, ``any_edit``).

The basic generator (``basic_model_contract``..., ``complete_document``) builds complete
documents of each kind as Python values, with random but valid content drawn from a
small vocabulary that holds words YAML 1.1 reads as something else (``yes``, ``on``,
``null2``, ``e5``...) and non-ASCII ones (owners, latency budgets with ordered
percentiles, experiment plans whose sample size is computed with the SPEC's formula and
then rounded up generously, ...), and writes them as YAML (block or flow style), JSON,
or a fenced block in Markdown (``dump``, ``lint_document``). ``a_file`` draws a file of
a project: a complete document, a broken one, or junk (``yamlish_text``).
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

from contractlint import power
from contractlint.config import Config
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.results import Finding

from conftest import TODAY

KINDS = ("model-contract", "experiment-plan", "problem-framing", "acceptance-checklist")
MC, EP, PF, AC = KINDS

# Each edit of the table is its own parametrized property with a few examples
# (about 200 edits x 6 examples); the other properties take 25 to 60 examples.
EDIT_SETTINGS = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --------------------------------------------------------------------------- vocabulary
# No word below is a placeholder, mentions latency, or looks like a version segment.

PEOPLE = (
    "ana", "bilal", "chen", "dara", "emeka", "farah", "goran", "hana", "ines", "jonas",
    "kofi", "lena", "mateo", "noor", "olga", "priya", "quinn", "rafael", "sofia", "tomas",
)  # fmt: skip
TEAMS = ("ranking", "search", "growth", "payments", "ml-platform", "data-science", "pricing")
PRODUCTS = (
    "ranking", "search", "feed", "checkout", "email", "push", "churn", "fraud", "pricing",
    "recs", "ads", "onboarding", "basket", "homepage", "coupon", "review", "catalog",
)  # fmt: skip
SUFFIXES = ("service", "model", "scorer", "reranker", "classifier", "launch", "pilot", "refresh")
WORDS = (
    "serve", "cached", "popular", "items", "previous", "weekly", "drift", "users", "traffic",
    "flag", "score", "region", "raw", "queries", "leave", "within", "budget", "blend", "new",
    "cold", "start", "daily", "report", "dashboard", "shadow", "canary", "staging", "load",
    "ranked", "list", "fresh", "stale", "logs", "holdout", "the", "for", "and", "of", "by",
)  # fmt: skip
FIELD_NAMES = (
    "user_id", "item_ids", "candidate_ids", "context_ts", "query", "locale", "device",
    "session_id", "scores", "features", "price", "country", "page", "limit", "ranked_ids",
    "probability", "label", "explanations", "request_id", "position",
)  # fmt: skip
# Metric names: none is a substring of another nor of a monitoring signal, so
# that CL605 (which looks a metric up in the contract's `monitoring`) is exact.
METRICS = (
    "open_rate", "ctr_top5", "conversion", "revenue_per_user", "add_to_cart", "retention_d7",
    "session_minutes", "unsubscribe_rate", "bounce_share", "refund_count", "complaints",
    "zero_result_share", "dwell_seconds", "checkout_errors", "page_load_ms",
)  # fmt: skip
SIGNALS = (
    "score_distribution", "feature_drift", "error_budget", "null_feature_share",
    "prediction_volume", "cache_hit_ratio", "traffic_by_bucket",
)  # fmt: skip
LATENCY_SIGNALS = ("latency_p95", "p99_latency_ms", "Latency dashboard", "serving_latency")
TYPE_NAMES = ("string", "integer", "number", "boolean", "timestamp", "date", "object")
TYPE_SYNONYMS = ("ISO-8601", "datetime")
STANDARD_ITEMS = (
    "io-typed-validated-versioned",
    "latency-throughput-within-budget",
    "fallback-verified",
    "monitoring-dashboards",
    "logging-fields-non-null",
    "rollback-documented",
)
# SPEC section 1: the default placeholders.
PLACEHOLDERS = (
    "", "tbd", "tbc", "todo", "?", "??", "-", "none", "null", "n/a", "na", "unknown", "fixme",
    "xxx",
)  # fmt: skip

# Free text: a few thousand phrases.
SENTENCES = tuple(
    f"{a} {b} {c}" if c else f"{a} {b}"
    for a, b, c in itertools.product(
        ("serve", "blend", "load", "report", "cache", "flag", "rank", "check", "watch", "log"),
        ("cached popular items", "the previous model", "weekly drift", "raw queries", "new users",
         "daily traffic", "stale scores", "fresh items", "canary traffic", "shadow logs"),
        ("", "by region", "within budget", "in staging", "for cold start", "on holdout",
         "behind the flag", "every week", "per bucket", "before launch"),
    )
)  # fmt: skip
sentence = st.sampled_from(SENTENCES)
snake = st.builds(lambda a, b: f"{a}_{b}", st.sampled_from(PRODUCTS), st.sampled_from(WORDS[:20]))
text_placeholder = st.builds(
    lambda w, case, left, right: left + case(w) + right,
    st.sampled_from(PLACEHOLDERS),
    st.sampled_from([str.lower, str.upper, str.title]),
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(["", " "]),
)
# Where a rule needs a value, null is as missing as a placeholder.
missing_value = st.one_of(text_placeholder, st.none())
FOREIGN_TYPES = st.sampled_from(
    ["str", "int", "float", "bool", "dict", "text", "long", "double", "uuid", "varchar", "id"]
)


def tenths(low: int, high: int) -> st.SearchStrategy[float]:
    return st.integers(low, high).map(lambda x: x / 10)


def thousandths(low: int, high: int) -> st.SearchStrategy[float]:
    return st.integers(low, high).map(lambda x: x / 1000)


# --------------------------------------------------------------------------- documents
#
# Hypothesis draws every value a rule looks at (which optional fields are
# there, latencies, baselines, effects, arms, margins, durations, traffic...),
# so those shrink. Cosmetic text (names, owners, phrases, field names) comes
# from a seeded ``random.Random`` drawn once per document: one draw instead of
# a hundred keeps the file fast.

seeds = st.integers(0, 2**32 - 1).map(random.Random)


@dataclass
class Case:
    """A document to lint, the files it references, and where it lives."""

    doc: dict[str, Any]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    folder: str = ""  # "" (the project root) or a sub-folder
    edit: Callable[[str, str], str] | None = None  # an edit of the written text

    def ref(self, name: str) -> str:
        """``name`` (a file at the project root) as written in the document."""
        return f"../{name}" if self.folder else name


def owner_of(rnd: random.Random) -> str:
    return rnd.choice(
        [
            f"{rnd.choice(PEOPLE)}@example.com",
            f"@{rnd.choice(PEOPLE)}",
            f"{rnd.choice(TEAMS)} team",
        ]
    )


def doc_name(rnd: random.Random) -> str:
    name = f"{rnd.choice(PRODUCTS)}-{rnd.choice(SUFFIXES)}"
    return name + rnd.choice(["", "", "-v2", "-eu"])


def snake_of(rnd: random.Random) -> str:
    return f"{rnd.choice(PRODUCTS)}_{rnd.choice(WORDS[:20])}"


coin = st.booleans()
one_in_four = st.integers(0, 3).map(lambda x: x == 0)


def common(draw: st.DrawFn, rnd: random.Random, kind: str) -> dict[str, Any]:
    doc: dict[str, Any] = {"kind": kind, "name": doc_name(rnd)}
    if draw(coin):
        doc["version"] = rnd.choice(["1.10", "0.3.1", "2", "2026.11", "v4"])
    if draw(coin):
        doc["description"] = rnd.choice(SENTENCES)
    owners = {"scope": owner_of(rnd), "feasibility": owner_of(rnd), "method": owner_of(rnd)}
    for extra in rnd.sample(["privacy", "legal", "ops"], rnd.randint(0, 2)):
        owners[extra] = owner_of(rnd)
    doc["owners"] = owners
    if draw(one_in_four):
        doc[rnd.choice(["x-notes", "x-jira", "x-slack"])] = rnd.choice(SENTENCES)
    return doc


def typed(rnd: random.Random, depth: int = 0) -> Any:
    """A field type as SPEC 1.1 allows it: a name, a literal, ``[T]`` or a mapping."""
    roll = rnd.random()
    if depth < 2 and roll < 0.15:
        return fields_of(rnd, 1, 3, depth + 1)
    if roll < 0.35:
        return [rnd.choice(TYPE_NAMES)]
    if roll < 0.45:
        return rnd.choice([0.0, 1, True, 2.5])  # literal examples
    return rnd.choice(TYPE_NAMES + TYPE_SYNONYMS)


def fields_of(rnd: random.Random, low: int, high: int, depth: int = 0) -> dict[str, Any]:
    names = rnd.sample(FIELD_NAMES, rnd.randint(low, high))
    return {name: typed(rnd, depth) for name in names}


latency_ms = st.integers(1, 400) | tenths(5, 4000)
latency_gap = st.integers(1, 200) | tenths(1, 2000)
timeout_gap = st.integers(1, 500) | tenths(1, 99)
throughput = st.integers(1, 50_000) | tenths(5, 9999)


@st.composite
def latency_budget(draw: st.DrawFn) -> dict[str, float]:
    last = draw(latency_ms)
    budget = {"p50": last}
    for key in ("p90", "p95", "p99"):
        if key == "p95" or draw(coin):
            last = round(last + draw(latency_gap), 1)
            budget[key] = last
    return budget


@st.composite
def model_contract(draw: st.DrawFn, monitored: tuple[str, ...] = ()) -> dict[str, Any]:
    rnd = draw(seeds)
    doc = common(draw, rnd, MC)
    budget = draw(latency_budget())
    fallback = {"strategy": snake_of(rnd), "feature_flag": snake_of(rnd) + "_fallback"}
    if draw(coin):
        fallback["description"] = rnd.choice(SENTENCES)
    monitoring = [rnd.choice(LATENCY_SIGNALS), *rnd.sample(SIGNALS, rnd.randint(0, 3))]
    monitoring += monitored
    rnd.shuffle(monitoring)
    response = list(fields_of(rnd, 0, 3).items())
    response.insert(rnd.randint(0, len(response)), ("model_version", "string"))
    prefix = rnd.choice(["", "/api", "https://ml.example.com"])
    version = rnd.choice(["v1", "v2", "v3", "v2.1", "V1"])
    doc.update(
        {
            "endpoint": f"{prefix}/{version}/{rnd.choice(PRODUCTS)}",
            "request": fields_of(rnd, 1, 4),
            "response": dict(response),
            "latency_budget_ms": budget,
            "timeout_ms": round(max(budget.values()) + draw(timeout_gap), 1),
            "throughput_rps": draw(throughput),
            "fallback": fallback,
            "monitoring": monitoring,
            "retraining_trigger": rnd.choice(SENTENCES),
            "rollback": rnd.choice(SENTENCES),
            "logging": rnd.sample(FIELD_NAMES, rnd.randint(1, 5)),
        }
    )
    return doc


threshold_keys = st.sets(st.sampled_from(["max_regression", "max", "min"]), min_size=1)
threshold_value = thousandths(0, 5000)
# A margin of 0 can never be shown (CL312): a complete guardrail tolerates some regression.
margin_value = thousandths(1, 5000)


def guardrail(draw: st.DrawFn, rnd: random.Random, metric: str) -> dict[str, Any]:
    value: dict[str, Any] = {"metric": metric}
    for key in sorted(draw(threshold_keys)):
        value[key] = draw(margin_value if key == "max_regression" else threshold_value)
    if draw(one_in_four):
        value["description"] = rnd.choice(SENTENCES)
    return value


metric_kind = st.sampled_from(["proportion", "mean"])
rate = thousandths(50, 600)
relative_effect = thousandths(20, 200)
absolute_rate_effect = thousandths(5, 40)
mean_value = tenths(10, 5000)
spread = thousandths(300, 3000)  # std_dev / mean
effect_in_sd = thousandths(20, 500)  # absolute effect / std_dev
direction = st.sampled_from(["increase", "decrease", "any"])


def primary_metric(draw: st.DrawFn, name: str, metric_type: str | None) -> dict[str, Any]:
    metric_type = metric_type or draw(metric_kind)
    metric: dict[str, Any] = {"name": name}
    if metric_type == "proportion":
        if draw(coin):  # the type defaults to proportion
            metric["type"] = "proportion"
        metric["baseline"] = draw(rate)
        if draw(coin):
            effect = {"relative": draw(relative_effect)}
        else:
            effect = {"absolute": draw(absolute_rate_effect)}
    else:  # revenue per user and the like: the spread is of the order of the mean
        metric["type"] = "mean"
        metric["baseline"] = draw(mean_value)
        metric["std_dev"] = round(metric["baseline"] * draw(spread), 1)
        if draw(coin):
            effect = {"relative": draw(relative_effect)}
        else:
            effect = {"absolute": round(metric["std_dev"] * draw(effect_in_sd), 3)}
    metric["minimum_detectable_effect"] = effect
    if draw(coin):
        metric["direction"] = draw(direction)
    return metric


def design_of(doc: dict[str, Any], arms: int | None = None) -> power.Design:
    """The SPEC 1.2 design of a generated plan, as its fields say (defaults: SPEC)."""
    metric = doc["primary_metric"]
    effect = metric["minimum_detectable_effect"]
    sample = doc.get("sample_size", {})
    return power.Design(
        metric_type=metric.get("type", "proportion"),
        baseline=metric["baseline"],
        std_dev=metric.get("std_dev"),
        relative=effect.get("relative"),
        absolute=effect.get("absolute"),
        direction=metric.get("direction", "increase"),
        alpha=sample.get("alpha", 0.05),
        power=sample.get("power", 0.8),
        alternative=sample.get("alternative", "two-sided"),
        arms=arms if arms is not None else doc.get("arms", 2),
        correction=doc.get("correction"),
    )


def required_n(doc: dict[str, Any], arms: int | None = None) -> int:
    return power.required_per_arm(design_of(doc, arms))


MAX_ARMS = 4  # per_arm and traffic are sized for up to four arms
metric_count = st.integers(2, 4)
arm_count = st.sampled_from([2, 2, 3, 4])
alpha = st.sampled_from([0.01, 0.05, 0.1])
wanted_power = st.sampled_from([0.8, 0.9])
alternative = st.sampled_from(["two-sided", "one-sided"])
small_margin = st.sampled_from([0, 1])
# Whole weeks (CL315), as an integer or a float.
duration = st.integers(1, 8).map(lambda weeks: 7 * weeks) | st.sampled_from([7.0, 14.0, 28.0])
allocation_share = st.sampled_from([1.0, 0.5, 0.25, 0.1, 0.05])
spare_units = st.integers(1, 10**5)
stopping_rule = st.sampled_from(["fixed_horizon", "sequential"])
looks = st.integers(0, 6)
decision_threshold = thousandths(1, 300)
confidence = st.sampled_from([0.9, 0.95, 0.99])
QUALITY_CHECKS = ("sample_ratio_mismatch", "bots", "bounces", "timestamp_skew")


@st.composite
def experiment_plan(
    draw: st.DrawFn,
    metric_type: str | None = None,
    stopping: str | None = None,
    arms: int | None = None,
    correction: str | None = "any",
    traffic: bool | None = None,
) -> dict[str, Any]:
    rnd = draw(seeds)
    doc = common(draw, rnd, EP)
    names = rnd.sample(METRICS, draw(metric_count))
    arms = arms or draw(arm_count)
    if correction == "any":
        correction = draw(st.sampled_from(["bonferroni", "holm"] + ([None] if arms == 2 else [])))
    doc["hypothesis"] = rnd.choice(SENTENCES)
    doc["primary_metric"] = primary_metric(draw, names[0], metric_type)
    doc["guardrails"] = [guardrail(draw, rnd, name) for name in names[1:]]
    doc["unit_of_randomization"] = rnd.choice(["user", "session", "account", "store"])
    if arms != 2 or draw(coin):
        doc["arms"] = arms
    if correction is not None:
        doc["correction"] = correction
    sample: dict[str, Any] = {}
    if draw(coin):
        sample["alpha"] = draw(alpha)
    if draw(coin):
        sample["power"] = draw(wanted_power)
    if draw(coin):
        sample["alternative"] = draw(alternative)
    doc["sample_size"] = sample
    # Powered for this plan and for the same plan with up to MAX_ARMS arms.
    needed = max(required_n(doc, a) for a in range(arms, MAX_ARMS + 1))
    sample["per_arm"] = needed + draw(small_margin | st.integers(0, needed // 2))
    items = list(sample.items())
    rnd.shuffle(items)
    doc["sample_size"] = dict(items)
    doc["duration_days"] = draw(duration)
    if traffic if traffic is not None else not draw(one_in_four):
        allocation = draw(allocation_share)
        # Enough for MAX_ARMS arms in a single day, so shorter plans stay fed.
        daily = math.ceil(MAX_ARMS * sample["per_arm"] / allocation) + draw(spare_units)
        doc["traffic"] = {"daily_units": daily, "allocation": allocation}
        if allocation == 1.0 and draw(coin):
            del doc["traffic"]["allocation"]  # the allocation defaults to 1.0
    stopping = stopping or draw(stopping_rule)
    doc["stopping_rule"] = stopping
    if stopping == "fixed_horizon":
        if draw(coin):
            doc["sequential_method"] = None
        if draw(coin):
            doc["interim_looks"] = 0
    else:
        doc["sequential_method"] = rnd.choice(["msprt", "group_sequential"])
        doc["interim_looks"] = draw(looks)
        # The design's cost is stated (CL314); 1.0 keeps the sample size of SPEC 1.2.
        doc["inflation_factor"] = 1.0
    doc["decision_rule"] = {
        "ship_if": rnd.choice(SENTENCES),
        # At most the MDE, in its terms (CL317).
        "threshold": min(draw(decision_threshold), _mde(doc["primary_metric"])),
        "confidence": draw(confidence),
    }
    # A sample-ratio-mismatch check among them (CL316).
    doc["data_quality"] = rnd.sample(QUALITY_CHECKS, rnd.randint(1, 4))
    if "sample_ratio_mismatch" not in doc["data_quality"]:
        doc["data_quality"].append("sample_ratio_mismatch")
    return doc


def _mde(metric: dict[str, Any]) -> float:
    effect = metric["minimum_detectable_effect"]
    return float(effect.get("relative", effect.get("absolute")))


target_lift = thousandths(1, 500)
framing_baseline = thousandths(10, 990)
option_count = st.integers(2, 4)
weeks = st.integers(1, 26) | tenths(5, 100)
risk_count = st.integers(1, 3)


@st.composite
def problem_framing(draw: st.DrawFn) -> dict[str, Any]:
    rnd = draw(seeds)
    doc = common(draw, rnd, PF)
    names = rnd.sample(METRICS, draw(metric_count))
    primary: dict[str, Any] = {"name": names[0], "target_lift": draw(target_lift)}
    if draw(coin):
        primary["baseline"] = draw(framing_baseline)
    latency = rnd.choice(["p95 under 200 ms", "p99 under 1 s", 200, rnd.choice(SENTENCES)])
    constraints = [("privacy", rnd.choice(SENTENCES)), ("latency", latency)]
    for key in rnd.sample(["platform", "compliance", "budget"], rnd.randint(0, 3)):
        constraints.append((key, rnd.choice(SENTENCES)))
    rnd.shuffle(constraints)
    others = rnd.sample(["simple", "advanced", "heuristic", "ltr", "bandit"], draw(option_count))
    options = []
    for name in ["baseline", *others]:
        option: dict[str, Any] = {"name": name}
        if draw(coin):
            option["description"] = rnd.choice(SENTENCES)
        option["estimate_weeks"] = draw(weeks)
        options.append(option)
    rnd.shuffle(options)
    doc.update(
        {
            "problem": rnd.choice(SENTENCES),
            "user_outcome": rnd.choice(SENTENCES),
            "business_outcome": {"kpi": rnd.choice(METRICS), "target": draw(target_lift)},
            "constraints": dict(constraints),
            "metrics": {
                "primary": primary,
                "guardrails": [guardrail(draw, rnd, name) for name in names[1:]],
            },
            "options": options,
            "risks": [
                {"risk": rnd.choice(SENTENCES), "mitigation": rnd.choice(SENTENCES)}
                for _ in range(draw(risk_count))
            ],
            "validation": {"offline": rnd.choice(SENTENCES), "online": rnd.choice(SENTENCES)},
        }
    )
    return doc


@st.composite
def acceptance_checklist(draw: st.DrawFn) -> dict[str, Any]:
    rnd = draw(seeds)
    doc = common(draw, rnd, AC)
    ids = [*STANDARD_ITEMS, *rnd.sample(["privacy-review", "load-test", "docs"], rnd.randint(0, 2))]
    rnd.shuffle(ids)
    items = []
    for item_id in ids:
        if draw(coin):
            item = {"id": item_id, "status": "done", "evidence": rnd.choice(SENTENCES)}
        else:
            item = {"id": item_id, "status": "n/a", "reason": rnd.choice(SENTENCES)}
        if rnd.random() < 0.25:
            item["notes"] = rnd.choice(SENTENCES)
        items.append(item)
    doc["items"] = items
    return doc


REF_MODEL, REF_PLAN, REF_OTHER = "ref-model.yaml", "ref-plan.yaml", "ref-other.yaml"


where = st.sampled_from(["", "", "specs"])


@st.composite
def case_of(draw: st.DrawFn, kind: str, linked: bool | None = None, **shape: Any) -> Case:
    """A complete document of ``kind``; ``linked`` forces (or forbids) a file reference."""
    folder = draw(where)
    linked = draw(coin) if linked is None else linked
    case = Case({}, folder=folder)
    if kind == MC:
        case.doc = draw(model_contract())
    elif kind == EP:
        case.doc = draw(experiment_plan(**shape))
        if linked:
            guardrails = [g["metric"] for g in case.doc["guardrails"]]
            metrics = (case.doc["primary_metric"]["name"], *guardrails)
            case.files[REF_MODEL] = draw(model_contract(monitored=metrics))
            case.doc["contract"] = case.ref(REF_MODEL)
    elif kind == PF:
        case.doc = draw(problem_framing())
        if linked:
            case.files[REF_PLAN] = draw(experiment_plan())
            case.doc["validation"]["online"] = case.ref(REF_PLAN)
    else:
        case.doc = draw(acceptance_checklist())
        if linked:
            case.files[REF_MODEL] = draw(model_contract())
            case.doc["contract"] = case.ref(REF_MODEL)
    return case


any_case = st.sampled_from(KINDS).flatmap(case_of)

# --------------------------------------------------------------------------- writing, linting

FORMATS = ("yaml-block", "yaml-flow", "yaml-mixed", "json", "markdown")
fmt = st.sampled_from(FORMATS)


def shuffled(value: Any, rnd: random.Random) -> Any:
    """``value`` with the keys of every mapping in a random order (lists keep theirs)."""
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {key: shuffled(value[key], rnd) for key in keys}
    if isinstance(value, list):
        return [shuffled(item, rnd) for item in value]
    return value


def written(case: Case, how: str, rnd: random.Random | None = None) -> tuple[str, str]:
    """``(file name, text)`` of the case's document written as ``how``."""
    doc = shuffled(case.doc, rnd) if rnd is not None else case.doc
    if how == "json":
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    else:
        style = {"yaml-flow": True, "yaml-mixed": None}.get(how, False)
        text = yaml.safe_dump(doc, default_flow_style=style, sort_keys=False, allow_unicode=True)
    if case.edit is not None:
        text = case.edit(text, how)
    suffix = "json" if how == "json" else "yaml"
    if how == "markdown":
        suffix = "md"
        text = f"# Launch review\n\nWhy we ship.\n\n```yaml\n{text}```\n\nSign-off below.\n"
    name = f"doc.{suffix}"
    return (f"{case.folder}/{name}" if case.folder else name), text


def lint_case(lint_text: Any, case: Case, how: str, rnd: random.Random | None = None) -> list[Any]:
    name, text = written(case, how, rnd)
    files = [(n, yaml.safe_dump(d, sort_keys=False)) for n, d in case.files.items()]
    return list(lint_text(text, name=name, files=files))


def shown(findings: list[Any]) -> list[tuple[str, int, str, str]]:
    return [(f.code, f.line, f.pointer, f.message) for f in findings]


def tally(findings: list[Any]) -> Counter[str]:
    return Counter(f.code for f in findings)


def facts(findings: list[Any]) -> list[tuple[str, str, str]]:
    """What a finding says, whatever the format and key order (not where it is)."""
    return sorted((f.code, f.pointer, re.sub(r"line \d+", "line N", f.message)) for f in findings)


# --------------------------------------------------------------------------- path helpers

Path = tuple[Any, ...]


def parse(path: str) -> Path:
    return tuple(int(p) if p.isdigit() else p for p in path.split("."))


def at(doc: Any, path: Path) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def put(doc: Any, path: Path, value: Any) -> None:
    at(doc, path[:-1])[path[-1]] = value


def drop(doc: Any, path: Path) -> None:
    del at(doc, path[:-1])[path[-1]]


def rename_key(mapping: dict[str, Any], old: str, new: str) -> None:
    """Rename ``old`` to ``new`` in place, keeping the key's position."""
    items = [(new if k == old else k, v) for k, v in mapping.items()]
    mapping.clear()
    mapping.update(items)


# --------------------------------------------------------------------------- the edit table

Make = Callable[[st.DrawFn, Case], "Counter[str]"]


@dataclass(frozen=True)
class Mutation:
    label: str
    kind: str | None  # None: any kind
    make: Make
    raises: frozenset[str]  # the codes the edit raises
    shape: dict[str, Any]  # what the complete document must look like before the edit


MUTATIONS: dict[str, Mutation] = {}


def register(
    label: str, kind: str | None, make: Make, raises: tuple[str, ...], **shape: Any
) -> None:
    assert label not in MUTATIONS, label
    MUTATIONS[label] = Mutation(label, kind, make, frozenset(raises), shape)


def expect(*codes: str) -> Counter[str]:
    return Counter(codes)


def removal(kind: str | None, path: str, *codes: str, **shape: Any) -> None:
    def make(draw: st.DrawFn, case: Case) -> Counter[str]:
        drop(case.doc, parse(path))
        return expect(*codes)

    register(f"{kind or 'any'}: remove {path}", kind, make, codes, **shape)


def replacing(
    kind: str | None,
    path: str,
    what: str,
    values: st.SearchStrategy[Any],
    *codes: str,
    **shape: Any,
) -> None:
    def make(draw: st.DrawFn, case: Case) -> Counter[str]:
        put(case.doc, parse(path), draw(values))
        return expect(*codes)

    register(f"{kind or 'any'}: {path} {what}", kind, make, codes, **shape)


def placeholder(kind: str | None, path: str, *codes: str, **shape: Any) -> None:
    """Where a rule needs the value, a placeholder or null is reported by that rule."""
    replacing(kind, path, "placeholder", missing_value, *codes, **shape)


def free_text_placeholder(kind: str | None, path: str, **shape: Any) -> None:
    """A string no rule needs: its placeholder is CL009 (null is just absent)."""
    replacing(kind, path, "placeholder", text_placeholder, "CL009", **shape)


def mutation(
    label: str, kind: str | None = None, *, raises: tuple[str, ...], **shape: Any
) -> Callable[[Make], Make]:
    """Register an edit; ``raises`` lists the codes it raises (the counts may vary)."""

    def decorate(make: Make) -> Make:
        register(label, kind, make, raises, **shape)
        return make

    return decorate


# ---- every kind ------------------------------------------------------------------------

for decision in ("scope", "feasibility", "method"):
    removal(None, f"owners.{decision}", "CL401")
    placeholder(None, f"owners.{decision}", "CL401")
removal(None, "owners", "CL401", "CL401", "CL401")
placeholder(None, "owners", "CL401", "CL401", "CL401")
replacing(None, "owners", "empty", st.just({}), "CL401", "CL401", "CL401")
free_text_placeholder(None, "name")
free_text_placeholder(None, "description")
free_text_placeholder(None, "version")
free_text_placeholder(None, "owners.privacy")  # a decision no rule requires
replacing(None, "x-notes", "placeholder", missing_value)  # `x-` fields are free: nothing
replacing(None, "fallbak", "added (unknown field)", sentence, "CL003")
replacing(None, "owners.scope", "empty", st.just(""), "CL401")

KIND_TYPOS: tuple[Callable[[str], str], ...] = (
    lambda k: k.replace("-", "_"),
    lambda k: "".join(part.title() for part in k.split("-")),
    lambda k: k.replace("-", " ").title(),
    str.upper,
    lambda k: k[:3] + k[4:],  # a letter dropped
    lambda k: k[:5] + k[5] + k[5:],  # a letter doubled
    lambda k: k + "s",
)


@mutation("any: kind misspelled", raises=("CL002",))
def _kind_misspelled(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["kind"] = draw(st.sampled_from(KIND_TYPOS))(case.doc["kind"])
    return expect("CL002")  # and no rule runs on a document of unknown kind


@mutation("any: kind someone else's", raises=())
def _kind_foreign(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["kind"] = draw(st.sampled_from(["Deployment", "ConfigMap", "Service", "Workflow"]))
    return expect()  # skipped silently


UNUSED_IGNORES = {MC: "CL101", EP: "missing-sample-size", PF: "CL403", AC: "CL601"}


@mutation("any: unused x-contractlint-ignore", raises=("CL008",))
def _unused_ignore(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["x-contractlint-ignore"] = {UNUSED_IGNORES[case.doc["kind"]]: draw(sentence)}
    return expect("CL008")


def _insert_top_level(text: str, how: str, key: str, raw: str) -> str:
    """Add ``key: raw`` (``raw`` written as is) to the top-level mapping of ``text``."""
    if how == "json":
        return text.replace("{", f'{{\n  "{key}": {raw},', 1)
    if how == "yaml-flow":
        return text.replace("{", f"{{{key}: {raw}, ", 1)
    return text + f"{key}: {raw}\n"


@mutation("any: duplicate key", raises=("CL004",))
def _duplicate_key(draw: st.DrawFn, case: Case) -> Counter[str]:
    key = draw(st.sampled_from(["name", "owners"]))
    raw = json.dumps(case.doc[key])  # JSON is YAML too: the same value, written again
    case.edit = lambda text, how: _insert_top_level(text, how, key, raw)
    return expect("CL004")


@mutation("any: version 1.10 unquoted", raises=("CL005",))
def _unquoted_version(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc.pop("version", None)
    raw = draw(st.sampled_from(["1.10", "2.0", "1.20"]))
    case.edit = lambda text, how: _insert_top_level(text, how, "version", raw)
    return expect("CL005")


# ---- model-contract --------------------------------------------------------------------

removal(MC, "fallback", "CL101")
placeholder(MC, "fallback", "CL101")
replacing(MC, "fallback", "empty", st.just({}), "CL101")
removal(MC, "fallback.strategy", "CL101")
placeholder(MC, "fallback.strategy", "CL101")
removal(MC, "fallback.feature_flag", "CL102")
placeholder(MC, "fallback.feature_flag", "CL102")
replacing(MC, "fallback", "plain string", snake, "CL102")
free_text_placeholder(MC, "fallback.description")
removal(MC, "latency_budget_ms", "CL103")
placeholder(MC, "latency_budget_ms", "CL103")
replacing(MC, "latency_budget_ms", "empty", st.just({}), "CL103")
removal(MC, "latency_budget_ms.p95", "CL103")
placeholder(MC, "latency_budget_ms.p95", "CL103")
free_text_placeholder(MC, "latency_budget_ms.p50")
removal(MC, "timeout_ms", "CL105")
placeholder(MC, "timeout_ms", "CL105")
removal(MC, "rollback", "CL106")
placeholder(MC, "rollback", "CL106")
removal(MC, "retraining_trigger", "CL107")
placeholder(MC, "retraining_trigger", "CL107")
removal(MC, "throughput_rps", "CL108")
placeholder(MC, "throughput_rps", "CL108")
removal(MC, "monitoring", "CL205")
placeholder(MC, "monitoring", "CL205")
replacing(MC, "monitoring", "empty", st.just([]), "CL205")  # and not CL206
removal(MC, "response.model_version", "CL502")
# The field is there but typed with a placeholder: an untyped field, not a missing one.
placeholder(MC, "response.model_version", "CL501")
replacing(MC, "response.model_version", "foreign type", FOREIGN_TYPES, "CL501")
replacing(MC, "request.user_id", "foreign type", FOREIGN_TYPES, "CL501")
placeholder(MC, "request.user_id", "CL501")
replacing(MC, "request.user_id", "two-type list", st.just(["string", "integer"]), "CL501")
replacing(
    MC,
    "request.context",
    "nested mapping with an untyped field",
    FOREIGN_TYPES.map(lambda t: {"device": "string", "locale": t}),
    "CL501",
)
replacing(MC, "response.scores", "foreign list type", FOREIGN_TYPES.map(lambda t: [t]), "CL501")
free_text_placeholder(MC, "endpoint")  # CL503 needs an endpoint to find no version in it
removal(MC, "logging", "CL504")
placeholder(MC, "logging", "CL504")
replacing(MC, "logging", "empty", st.just([]), "CL504")
# Values the schema rejects: CL003 alone, the rules stay silent about them.
replacing(MC, "latency_budget_ms.p95", "non-positive", st.integers(-50, 0), "CL003")
replacing(MC, "timeout_ms", "non-positive", st.integers(-50, 0), "CL003")
replacing(MC, "throughput_rps", "non-positive", st.integers(-50, 0), "CL003")
replacing(MC, "timeout_ms", "a number as text", st.just("300ms"), "CL003")
# Optional fields: removing them raises nothing.
removal(MC, "endpoint")
removal(MC, "request")


@mutation("model-contract: p50 and p95 swapped", MC, raises=("CL104",))
def _swap_p50_p95(draw: st.DrawFn, case: Case) -> Counter[str]:
    budget = case.doc["latency_budget_ms"]
    if "p90" in budget:  # p50 < p90 < p95: swapping p50 and p95 would break two pairs
        del budget["p90"]
    budget["p50"], budget["p95"] = budget["p95"], budget["p50"]
    return expect("CL104")


@mutation("model-contract: p99 below p95", MC, raises=("CL104",))
def _p99_below_p95(draw: st.DrawFn, case: Case) -> Counter[str]:
    budget = case.doc["latency_budget_ms"]
    p95 = budget["p95"]
    budget["p99"] = round(draw(st.floats(0.01, p95 - 0.02)), 2)
    assert 0 < budget["p99"] < p95
    return expect("CL104")


@mutation("model-contract: timeout not above the largest percentile", MC, raises=("CL104",))
def _timeout_below(draw: st.DrawFn, case: Case) -> Counter[str]:
    largest = max(case.doc["latency_budget_ms"].values())
    case.doc["timeout_ms"] = draw(st.sampled_from([largest, round(largest / 2, 1) or 0.1]))
    return expect("CL104")


@mutation("model-contract: timeout_ms renamed timeouts_ms", MC, raises=("CL505",))
def _deprecated_timeout(draw: st.DrawFn, case: Case) -> Counter[str]:
    rename_key(case.doc, "timeout_ms", "timeouts_ms")
    return expect("CL505")


@mutation("model-contract: monitoring without latency", MC, raises=("CL206",))
def _no_latency_monitoring(draw: st.DrawFn, case: Case) -> Counter[str]:
    kept = [m for m in case.doc["monitoring"] if "latency" not in m.lower()]
    case.doc["monitoring"] = kept or [draw(st.sampled_from(SIGNALS))]
    return expect("CL206")


@mutation("model-contract: placeholder monitoring entry", MC, raises=("CL009",))
def _monitoring_entry_placeholder(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["monitoring"].append(draw(text_placeholder))
    return expect("CL009")


@mutation("model-contract: endpoint unversioned", MC, raises=("CL503",))
def _unversioned(draw: st.DrawFn, case: Case) -> Counter[str]:
    prefix = draw(st.sampled_from(["", "/api", "https://ml.example.com", "/vx"]))
    case.doc["endpoint"] = f"{prefix}/{draw(st.sampled_from(PRODUCTS))}"
    return expect("CL503")


# ---- experiment-plan -------------------------------------------------------------------

removal(EP, "guardrails", "CL201")
placeholder(EP, "guardrails", "CL201")
replacing(EP, "guardrails", "empty", st.just([]), "CL201")
free_text_placeholder(EP, "guardrails.0.description")
free_text_placeholder(EP, "hypothesis")
removal(EP, "primary_metric", "CL203")
# Without a referenced contract: see the xfail tests at the end for one.
placeholder(EP, "primary_metric", "CL203", linked=False)
free_text_placeholder(EP, "primary_metric.name", linked=False)
free_text_placeholder(EP, "guardrails.0.metric", linked=False)
removal(EP, "primary_metric.baseline", "CL203")
placeholder(EP, "primary_metric.baseline", "CL203")
removal(EP, "primary_metric.minimum_detectable_effect", "CL203")
removal(EP, "primary_metric.std_dev", "CL203", metric_type="mean")
placeholder(EP, "primary_metric.std_dev", "CL203", metric_type="mean")
removal(EP, "decision_rule", "CL204")
placeholder(EP, "decision_rule", "CL204")
removal(EP, "decision_rule.threshold", "CL204")
placeholder(EP, "decision_rule.threshold", "CL204")
removal(EP, "decision_rule.confidence", "CL204")
placeholder(EP, "decision_rule.confidence", "CL204")
free_text_placeholder(EP, "decision_rule.ship_if")
removal(EP, "sample_size.per_arm", "CL301")
placeholder(EP, "sample_size.per_arm", "CL301")
removal(EP, "sample_size", "CL301")
removal(EP, "duration_days", "CL303")
placeholder(EP, "duration_days", "CL303")
replacing(EP, "duration_days", "under a week", st.integers(1, 6) | tenths(10, 69), "CL304")
removal(EP, "stopping_rule", "CL305")
placeholder(EP, "stopping_rule", "CL305")
replacing(EP, "interim_looks", "above 0", st.integers(1, 5), "CL306", stopping="fixed_horizon")
removal(EP, "sequential_method", "CL306", stopping="sequential")
placeholder(EP, "sequential_method", "CL306", stopping="sequential")
removal(EP, "unit_of_randomization", "CL307")
placeholder(EP, "unit_of_randomization", "CL307")
removal(EP, "correction", "CL309", arms=3, correction="bonferroni")
placeholder(EP, "correction", "CL309", arms=4, correction="holm")
removal(EP, "data_quality", "CL310")
placeholder(EP, "data_quality", "CL310")
replacing(EP, "data_quality", "empty", st.just([]), "CL310")
replacing(EP, "contract", "missing file", st.just("contracts/nowhere.yaml"), "CL604")
replacing(EP, "contract", "absolute path", st.just("/etc/contracts/ranking.yaml"), "CL604")
# Values the schema rejects.
replacing(EP, "sample_size.per_arm", "not positive", st.integers(-10, 0), "CL003")
replacing(EP, "arms", "below 2", st.integers(-1, 1), "CL003")
replacing(EP, "interim_looks", "negative", st.integers(-5, -1), "CL003")
replacing(EP, "decision_rule.confidence", "not in (0, 1)", st.sampled_from([0, 1, 95]), "CL003")
replacing(EP, "sample_size.alpha", "not in (0, 1)", st.sampled_from([0, 1, 5]), "CL003")
replacing(
    EP, "primary_metric.std_dev", "not positive", st.integers(-5, 0), "CL003", metric_type="mean"
)
replacing(EP, "stopping_rule", "misspelled", st.just("fixed-horizon"), "CL003")
# Optional fields and neutral edits.
removal(EP, "traffic", traffic=True)
removal(EP, "hypothesis")
replacing(
    EP, "arms", "raised under bonferroni", st.integers(3, MAX_ARMS), correction="bonferroni", arms=2
)


# v2 experiment design (SPEC 1.2, CL311-CL317).
removal(EP, "inflation_factor", "CL314", stopping="sequential")
replacing(EP, "duration_days", "not whole weeks", st.sampled_from([8, 10, 13, 20, 30.5]), "CL315")
replacing(EP, "data_quality", "without an SRM check", st.just(["bots", "bounces"]), "CL316")


@mutation("experiment-plan: a guardrail too rare for its margin", EP, raises=("CL311",))
def _underpowered_guardrail(draw: st.DrawFn, case: Case) -> Counter[str]:
    guard = case.doc["guardrails"][0]
    # A 0.1% margin on a 0.2% rate needs billions of units per arm.
    guard["baseline"], guard["max_regression"] = 0.002, 0.001
    return expect("CL311")


@mutation("experiment-plan: a guardrail with a zero margin", EP, raises=("CL312",))
def _zero_margin(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["guardrails"][0]["max_regression"] = draw(st.sampled_from([0, 0.0]))
    return expect("CL312")


@mutation("experiment-plan: analysed per page view", EP, raises=("CL313",))
def _unit_mismatch(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["primary_metric"]["unit"] = "page_view"
    return expect("CL313")


@mutation("experiment-plan: a ship bar above the MDE", EP, raises=("CL317",))
def _ship_bar_above_mde(draw: st.DrawFn, case: Case) -> Counter[str]:
    bar = _mde(case.doc["primary_metric"]) * draw(st.sampled_from([1.5, 2, 3]))
    case.doc["decision_rule"]["threshold"] = round(bar + 0.001, 4)
    return expect("CL317")


@mutation("experiment-plan: a guardrail without threshold", EP, raises=("CL202",))
def _guardrail_without_threshold(draw: st.DrawFn, case: Case) -> Counter[str]:
    guardrails = case.doc["guardrails"]
    chosen = draw(st.sets(st.integers(0, len(guardrails) - 1), min_size=1))
    for index in chosen:
        for key in ("max_regression", "max", "min"):
            guardrails[index].pop(key, None)
    return expect(*["CL202"] * len(chosen))


@mutation("experiment-plan: guardrail thresholds placeholders", EP, raises=("CL202",))
def _guardrail_placeholder_threshold(draw: st.DrawFn, case: Case) -> Counter[str]:
    guard = case.doc["guardrails"][0]
    for key in ("max_regression", "max", "min"):
        if key in guard:
            guard[key] = draw(missing_value)
    return expect("CL202")


@mutation("experiment-plan: primary_metric a bare name", EP, raises=("CL203",))
def _bare_primary_metric(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["primary_metric"] = case.doc["primary_metric"]["name"]
    return expect("CL203")  # CL302 cannot size it and stays silent; CL308 still holds


@mutation(
    "experiment-plan: proportion baseline written as a percentage",
    EP,
    metric_type="proportion",
    raises=("CL203",),
)
def _percent_baseline(draw: st.DrawFn, case: Case) -> Counter[str]:
    metric = case.doc["primary_metric"]
    metric["baseline"] = round(metric["baseline"] * 100, 1)
    return expect("CL203")  # CL302 cannot size it and stays silent


@mutation("experiment-plan: effect placeholder", EP, raises=("CL203",))
def _effect_placeholder(draw: st.DrawFn, case: Case) -> Counter[str]:
    effect = case.doc["primary_metric"]["minimum_detectable_effect"]
    (key,) = effect
    effect[key] = draw(missing_value)
    return expect("CL203")


@mutation("experiment-plan: per_arm fractional", EP, raises=("CL003",))
def _fractional_per_arm(draw: st.DrawFn, case: Case) -> Counter[str]:
    sample = case.doc["sample_size"]
    sample["per_arm"] -= draw(st.sampled_from([0.5, 0.25, 0.9]))  # fewer units: CL308 holds
    return expect("CL003")


@mutation("experiment-plan: per_arm below the required n", EP, raises=("CL302",))
def _underpowered(draw: st.DrawFn, case: Case) -> Counter[str]:
    required = required_n(case.doc)
    assert required > 1
    low = draw(
        st.sampled_from([required - 1, max(1, required // 2)]) | st.integers(1, required - 1)
    )
    case.doc["sample_size"]["per_arm"] = low
    return expect("CL302")  # fewer units than before: never CL308


@mutation("experiment-plan: traffic too small", EP, raises=("CL308",))
def _traffic_too_small(draw: st.DrawFn, case: Case) -> Counter[str]:
    doc = case.doc
    needed = doc.get("arms", 2) * doc["sample_size"]["per_arm"]
    allocation = draw(st.sampled_from([1.0, 0.5, 0.2]))
    days = doc["duration_days"]
    most = math.ceil(needed / (days * allocation)) - 1  # daily units that fall short
    daily = draw(st.sampled_from([most, max(1, most // 3)]) | st.integers(1, max(1, most)))
    assert days * daily * allocation < needed
    doc["traffic"] = {"daily_units": daily, "allocation": allocation}
    return expect("CL308")


@mutation("experiment-plan: allocation too small", EP, traffic=True, raises=("CL308",))
def _allocation_too_small(draw: st.DrawFn, case: Case) -> Counter[str]:
    doc = case.doc
    needed = doc.get("arms", 2) * doc["sample_size"]["per_arm"]
    fraction = needed / (doc["duration_days"] * doc["traffic"]["daily_units"])
    doc["traffic"]["allocation"] = round(fraction * draw(st.floats(0.1, 0.9)), 8) or 1e-8
    return expect("CL308")


@mutation(
    "experiment-plan: a third arm without correction",
    EP,
    arms=2,
    correction=None,
    raises=("CL309",),
)
def _third_arm(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["arms"] = draw(st.integers(3, MAX_ARMS))
    return expect("CL309")


@mutation("experiment-plan: contract of the wrong kind", EP, linked=True, raises=("CL604",))
def _contract_wrong_kind(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.files[REF_OTHER] = draw(problem_framing())
    case.doc["contract"] = case.ref(REF_OTHER)
    return expect("CL604")


@mutation("experiment-plan: contract outside the project", EP, linked=True, raises=("CL604",))
def _contract_outside(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["contract"] = "../" + case.doc["contract"]
    return expect("CL604")


@mutation(
    "experiment-plan: contract does not monitor the primary metric",
    EP,
    linked=True,
    raises=("CL605",),
)
def _primary_not_monitored(draw: st.DrawFn, case: Case) -> Counter[str]:
    name = case.doc["primary_metric"]["name"]
    contract = case.files[REF_MODEL]
    contract["monitoring"] = [m for m in contract["monitoring"] if m != name]
    return expect("CL605")


@mutation(
    "experiment-plan: contract does not monitor some guardrails", EP, linked=True, raises=("CL605",)
)
def _guardrails_not_monitored(draw: st.DrawFn, case: Case) -> Counter[str]:
    metrics = [g["metric"] for g in case.doc["guardrails"]]
    gone = draw(st.sets(st.sampled_from(metrics), min_size=1))
    contract = case.files[REF_MODEL]
    contract["monitoring"] = [m for m in contract["monitoring"] if m not in gone]
    return expect(*["CL605"] * len(gone))


# ---- problem-framing -------------------------------------------------------------------

removal(PF, "metrics.guardrails", "CL201")
placeholder(PF, "metrics.guardrails", "CL201")
replacing(PF, "metrics.guardrails", "empty", st.just([]), "CL201")
removal(PF, "metrics", "CL201", "CL203")
removal(PF, "metrics.primary", "CL203")
placeholder(PF, "metrics.primary", "CL203")
replacing(PF, "metrics.primary", "bare name", st.sampled_from(METRICS), "CL203")
removal(PF, "metrics.primary.target_lift", "CL203")
placeholder(PF, "metrics.primary.target_lift", "CL203")
free_text_placeholder(PF, "metrics.primary.name")
removal(PF, "validation.online", "CL207")
placeholder(PF, "validation.online", "CL207")
removal(PF, "validation", "CL207")
free_text_placeholder(PF, "validation.offline")
replacing(PF, "validation.online", "missing plan file", st.just("plans/nowhere.yaml"), "CL604")
removal(PF, "risks", "CL403")
placeholder(PF, "risks", "CL403")
replacing(PF, "risks", "empty", st.just([]), "CL403")
placeholder(PF, "risks.0.mitigation", "CL402")
free_text_placeholder(PF, "risks.0.risk")
removal(PF, "options", "CL404")
replacing(PF, "options", "empty", st.just([]), "CL404")
placeholder(PF, "options.0.estimate_weeks", "CL405")
free_text_placeholder(PF, "options.1.description")
removal(PF, "constraints", "CL406")
removal(PF, "constraints.privacy", "CL406")
removal(PF, "constraints.latency", "CL406")
placeholder(PF, "constraints.privacy", "CL406")
placeholder(PF, "constraints.latency", "CL406")
free_text_placeholder(PF, "constraints.platform")
free_text_placeholder(PF, "problem")
free_text_placeholder(PF, "user_outcome")
free_text_placeholder(PF, "business_outcome.kpi")
replacing(PF, "options.0.estimate_weeks", "not positive", st.integers(-3, 0), "CL003")
removal(PF, "validation.offline")


@mutation("problem-framing: a guardrail with a zero margin", PF, raises=("CL312",))
def _framing_zero_margin(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.doc["metrics"]["guardrails"][0]["max_regression"] = 0
    return expect("CL312")


@mutation("problem-framing: a guardrail without threshold", PF, raises=("CL202",))
def _framing_guardrail_without_threshold(draw: st.DrawFn, case: Case) -> Counter[str]:
    guardrails = case.doc["metrics"]["guardrails"]
    chosen = draw(st.sets(st.integers(0, len(guardrails) - 1), min_size=1))
    for index in chosen:
        for key in ("max_regression", "max", "min"):
            guardrails[index].pop(key, None)
    return expect(*["CL202"] * len(chosen))


@mutation("problem-framing: both constraints missing", PF, raises=("CL406",))
def _both_constraints(draw: st.DrawFn, case: Case) -> Counter[str]:
    del case.doc["constraints"]["privacy"], case.doc["constraints"]["latency"]
    return expect("CL406")  # one finding names both


@mutation("problem-framing: risks without mitigation", PF, raises=("CL402",))
def _risks_without_mitigation(draw: st.DrawFn, case: Case) -> Counter[str]:
    risks = case.doc["risks"]
    chosen = draw(st.sets(st.integers(0, len(risks) - 1), min_size=1))
    for index in chosen:
        del risks[index]["mitigation"]
    return expect(*["CL402"] * len(chosen))


@mutation("problem-framing: fewer than three options", PF, raises=("CL404",))
def _few_options(draw: st.DrawFn, case: Case) -> Counter[str]:
    options = case.doc["options"]
    baseline = next(o for o in options if o["name"] == "baseline")
    others = [o for o in options if o is not baseline]
    kept = [baseline, *others[: draw(st.integers(0, 1))]]
    case.doc["options"] = draw(st.permutations(kept))
    return expect("CL404")


@mutation("problem-framing: no option named baseline", PF, raises=("CL404",))
def _no_baseline(draw: st.DrawFn, case: Case) -> Counter[str]:
    baseline = next(o for o in case.doc["options"] if o["name"] == "baseline")
    baseline["name"] = draw(st.sampled_from(["popularity", "status-quo", "Base line"]))
    return expect("CL404")


@mutation("problem-framing: options without estimate", PF, raises=("CL405",))
def _options_without_estimate(draw: st.DrawFn, case: Case) -> Counter[str]:
    options = case.doc["options"]
    chosen = draw(st.sets(st.integers(0, len(options) - 1), min_size=1))
    for index in chosen:
        del options[index]["estimate_weeks"]
    return expect(*["CL405"] * len(chosen))


@mutation(
    "problem-framing: online validation of the wrong kind", PF, linked=True, raises=("CL604",)
)
def _online_wrong_kind(draw: st.DrawFn, case: Case) -> Counter[str]:
    case.files[REF_OTHER] = draw(model_contract())
    case.doc["validation"]["online"] = case.ref(REF_OTHER)
    return expect("CL604")


# ---- placeholders inside collections, and text where a number belongs -----------------

only_placeholders = st.lists(text_placeholder, min_size=1, max_size=3)
placeholder(AC, "items", *["CL601"] * 6)
placeholder(PF, "constraints", "CL406")
placeholder(PF, "options", "CL404")
replacing(MC, "logging", "only placeholders", only_placeholders, "CL504")
replacing(MC, "monitoring", "only placeholders", only_placeholders, "CL205")
replacing(EP, "data_quality", "only placeholders", only_placeholders, "CL310")
# A number written as text is present but wrong: CL003, and no rule calls it missing.
percent_text = st.sampled_from(["3%", "0.03", "three percent"])
replacing(EP, "decision_rule.threshold", "as text", percent_text, "CL003")
replacing(EP, "primary_metric.baseline", "as text", st.sampled_from(["33%", "0.33"]), "CL003")
replacing(EP, "primary_metric.std_dev", "as text", st.just("1.2"), "CL003", metric_type="mean")
replacing(EP, "sample_size.alpha", "as text", st.just("0.05"), "CL003")
replacing(PF, "metrics.primary.target_lift", "as text", percent_text, "CL003")


@mutation("experiment-plan: both a relative and an absolute effect", EP, raises=("CL003",))
def _two_effects(draw: st.DrawFn, case: Case) -> Counter[str]:
    effect = case.doc["primary_metric"]["minimum_detectable_effect"]
    effect["absolute" if "relative" in effect else "relative"] = draw(thousandths(1, 50))
    return expect("CL003")  # exactly one of them: the schema's business


# ---- acceptance-checklist --------------------------------------------------------------

removal(AC, "items", "CL601", "CL601", "CL601", "CL601", "CL601", "CL601")
replacing(AC, "items", "empty", st.just([]), *["CL601"] * 6)
replacing(AC, "contract", "missing file", st.just("contracts/nowhere.yaml"), "CL604")
removal(AC, "contract", linked=True)


def _items(case: Case, ids: tuple[str, ...] | None = None) -> list[int]:
    return [i for i, item in enumerate(case.doc["items"]) if ids is None or item["id"] in ids]


@mutation("acceptance-checklist: standard items removed", AC, raises=("CL601",))
def _items_removed(draw: st.DrawFn, case: Case) -> Counter[str]:
    gone = draw(st.sets(st.sampled_from(STANDARD_ITEMS), min_size=1))
    case.doc["items"] = [item for item in case.doc["items"] if item["id"] not in gone]
    return expect(*["CL601"] * len(gone))


@mutation("acceptance-checklist: a standard item's id placeholder", AC, raises=("CL601",))
def _standard_id_placeholder(draw: st.DrawFn, case: Case) -> Counter[str]:
    index = draw(st.sampled_from(_items(case, STANDARD_ITEMS)))
    case.doc["items"][index]["id"] = draw(text_placeholder.filter(lambda t: t.strip()))
    return expect("CL601")  # the standard item is missing; CL009 steps aside for it


@mutation("acceptance-checklist: an extra item's id placeholder", AC, raises=("CL009",))
def _extra_id_placeholder(draw: st.DrawFn, case: Case) -> Counter[str]:
    value = draw(text_placeholder.filter(lambda t: t.strip()))
    case.doc["items"].append({"id": value, "status": "n/a", "reason": draw(sentence)})
    return expect("CL009")


@mutation("acceptance-checklist: done items without evidence", AC, raises=("CL602",))
def _done_without_evidence(draw: st.DrawFn, case: Case) -> Counter[str]:
    chosen = draw(st.sets(st.sampled_from(_items(case)), min_size=1))
    for index in chosen:
        item = case.doc["items"][index]
        item.pop("reason", None)
        item["status"] = "done"
        if draw(st.booleans()):
            item["evidence"] = draw(missing_value)
        else:
            item.pop("evidence", None)
    return expect(*["CL602"] * len(chosen))


@mutation("acceptance-checklist: n/a items without reason", AC, raises=("CL602",))
def _na_without_reason(draw: st.DrawFn, case: Case) -> Counter[str]:
    chosen = draw(st.sets(st.sampled_from(_items(case)), min_size=1))
    for index in chosen:
        item = case.doc["items"][index]
        item.pop("evidence", None)
        item["status"] = "n/a"
        if draw(st.booleans()):
            item["reason"] = draw(missing_value)
        else:
            item.pop("reason", None)
    return expect(*["CL602"] * len(chosen))


@mutation("acceptance-checklist: items still todo", AC, raises=("CL603",))
def _todo(draw: st.DrawFn, case: Case) -> Counter[str]:
    chosen = draw(st.sets(st.sampled_from(_items(case)), min_size=1))
    for index in chosen:
        case.doc["items"][index]["status"] = "todo"  # evidence or reason may stay
    return expect(*["CL603"] * len(chosen))


@mutation("acceptance-checklist: a status placeholder", AC, raises=("CL009",))
def _status_placeholder(draw: st.DrawFn, case: Case) -> Counter[str]:
    index = draw(st.sampled_from(_items(case)))
    # `n/a` and `todo` are declared statuses (CL602, CL603), not placeholders.
    value = draw(text_placeholder.filter(lambda t: t.strip().lower() not in ("n/a", "todo")))
    case.doc["items"][index]["status"] = value
    return expect("CL009")


@mutation("acceptance-checklist: a status in the wrong case", AC, raises=("CL003",))
def _status_case(draw: st.DrawFn, case: Case) -> Counter[str]:
    index = draw(st.sampled_from(_items(case)))
    item = case.doc["items"][index]
    item["status"] = draw(st.sampled_from([str.upper, str.title]))(item["status"])
    return expect("CL003")  # `N/A` is a misspelled declared value, not a placeholder


@mutation("acceptance-checklist: a note placeholder", AC, raises=("CL009",))
def _note_placeholder(draw: st.DrawFn, case: Case) -> Counter[str]:
    index = draw(st.sampled_from(_items(case)))
    case.doc["items"][index]["notes"] = draw(text_placeholder)
    return expect("CL009")


@mutation("acceptance-checklist: the standard n/a status of an item", AC, raises=())
def _declared_na(draw: st.DrawFn, case: Case) -> Counter[str]:
    index = draw(st.sampled_from(_items(case)))
    case.doc["items"][index] = {
        "id": case.doc["items"][index]["id"],
        "status": "n/a",
        "reason": draw(sentence),
    }
    return expect()  # `n/a` is declared by the schema: never a placeholder


# --------------------------------------------------------------------------- strategies over edits


@st.composite
def mutated(draw: st.DrawFn, label: str) -> tuple[Case, Counter[str], str]:
    """A complete case, the edit ``label`` applied to it, and what the SPEC expects."""
    m = MUTATIONS[label]
    kind = m.kind or draw(st.sampled_from(KINDS))
    case = draw(case_of(kind, **m.shape))
    expected = m.make(draw, case)
    return case, expected, label


edit_labels = sorted(MUTATIONS)
any_edit = st.sampled_from(edit_labels).flatmap(mutated)


# --------------------------------------------------------------------------- the basic generator


SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONFIG = Config()


VOCABULARY = (
    "ranking", "feed", "search", "email", "user", "item", "score", "click", "open", "rate",
    "latency", "model", "serve", "popular", "cache", "flag", "alpha", "beta", "delta", "gamma",
    "north", "south", "blue", "green", "fast", "slow", "daily", "weekly", "shadow", "canary",
    "yes", "no", "on", "off", "true", "null2", "v1", "x86", "e5", "n_a", "tbd2", "café", "日本",
)  # fmt: skip
word = st.sampled_from(VOCABULARY)
identifier = st.lists(word, min_size=1, max_size=3).map("_".join)
kebab = st.lists(word, min_size=1, max_size=3).map("-".join)
basic_sentence = st.lists(word, min_size=2, max_size=6).map(" ".join)
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
def basic_common(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    document: dict[str, Any] = {"kind": kind, "name": draw(kebab), "owners": draw(owners())}
    if draw(st.booleans()):
        document["version"] = draw(st.sampled_from(["1.0", "1.10", "2", "0.3.1", "v4"]))
    if draw(st.booleans()):
        document["description"] = draw(basic_sentence)
    if draw(st.booleans()):
        document["x-" + draw(identifier)] = draw(st.one_of(basic_sentence, st.integers()))
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
basic_typed = st.recursive(
    st.one_of(field_type, field_type.map(lambda t: [t]), st.sampled_from([0.0, True, 1])),
    lambda inner: st.dictionaries(identifier, inner, min_size=1, max_size=3),
    max_leaves=4,
)


@st.composite
def basic_model_contract(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(basic_common("model-contract"))
    p50 = draw(ms)
    p95 = round(p50 + draw(gap), 2)
    budget: dict[str, Any] = {"p50": p50, "p95": p95}
    if draw(st.booleans()):
        budget["p99"] = round(p95 + draw(gap), 2)
    fallback: Any = {"strategy": draw(identifier), "feature_flag": draw(identifier)}
    if draw(st.booleans()):
        fallback["description"] = draw(basic_sentence)
    request = draw(st.dictionaries(identifier, basic_typed, min_size=1, max_size=4))
    response = draw(st.dictionaries(identifier, basic_typed, min_size=0, max_size=3))
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
            "retraining_trigger": draw(basic_sentence),
            "rollback": draw(basic_sentence),
            "logging": draw(st.lists(identifier, min_size=1, max_size=4)),
        }
    )
    return document


@st.composite
def basic_guardrail(draw: st.DrawFn) -> dict[str, Any]:
    value: dict[str, Any] = {"metric": draw(identifier)}
    keys = draw(st.sets(st.sampled_from(["max_regression", "max", "min"]), min_size=1))
    for key in sorted(keys):
        low = 0.001 if key == "max_regression" else 0  # a margin of 0 is CL312
        value[key] = draw(st.floats(min_value=low, max_value=500).map(lambda x: round(x, 3)))
    if draw(st.booleans()):
        value["description"] = draw(basic_sentence)
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
def basic_experiment_plan(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(basic_common("experiment-plan"))
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
    duration = 7 * draw(st.integers(1, 8))  # whole weeks (CL315)
    allocation = draw(st.sampled_from([1.0, 0.5, 0.25, 0.1]))
    daily = math.ceil(arms * sample["per_arm"] / (duration * allocation)) + 1
    document.update(
        {
            "hypothesis": draw(basic_sentence),
            "primary_metric": metric,
            "guardrails": draw(st.lists(basic_guardrail(), min_size=1, max_size=3)),
            "unit_of_randomization": draw(st.sampled_from(["user", "session", "account"])),
            "arms": arms,
            "correction": "bonferroni",
            "sample_size": sample,
            "duration_days": duration,
            "traffic": {"daily_units": daily, "allocation": allocation},
            "decision_rule": {
                "ship_if": draw(basic_sentence),
                # At most the MDE, in its terms (CL317).
                "threshold": min(
                    draw(st.floats(0.001, 0.5).map(lambda x: round(x, 3))), _mde(metric)
                ),
                "confidence": draw(st.sampled_from([0.9, 0.95, 0.99])),
            },
            # A sample-ratio-mismatch check among them (CL316).
            "data_quality": [*draw(st.lists(identifier, min_size=0, max_size=3)), "srm"],
        }
    )
    if draw(st.booleans()):
        document["stopping_rule"] = "fixed_horizon"
        document["interim_looks"] = 0
    else:
        document["stopping_rule"] = "sequential"
        document["sequential_method"] = draw(st.sampled_from(["msprt", "group_sequential"]))
        document["interim_looks"] = draw(st.integers(0, 5))
        document["inflation_factor"] = 1.0  # the cost is stated (CL314)
    return document


@st.composite
def basic_problem_framing(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(basic_common("problem-framing"))
    names = draw(st.lists(identifier, min_size=2, max_size=4, unique=True))
    options = [{"name": "baseline"}] + [{"name": n} for n in names if n != "baseline"]
    assume(len(options) >= 3)
    for option in options:
        option["estimate_weeks"] = draw(st.integers(1, 26))
        if draw(st.booleans()):
            option["description"] = draw(basic_sentence)
    primary: dict[str, Any] = {
        "name": draw(identifier),
        "target_lift": draw(st.floats(0.001, 0.5).map(lambda x: round(x, 3))),
    }
    if draw(st.booleans()):
        primary["baseline"] = draw(st.floats(0.01, 0.99).map(lambda x: round(x, 3)))
    constraints = {"privacy": draw(basic_sentence), "latency": draw(basic_sentence)}
    for key in draw(st.lists(st.sampled_from(["platform", "compliance", "budget"]), unique=True)):
        constraints[key] = draw(basic_sentence)
    document.update(
        {
            "problem": draw(basic_sentence),
            "user_outcome": draw(basic_sentence),
            "business_outcome": {"kpi": draw(identifier), "target": draw(st.floats(0.001, 1.0))},
            "constraints": constraints,
            "metrics": {
                "primary": primary,
                "guardrails": draw(st.lists(basic_guardrail(), min_size=1, max_size=3)),
            },
            "options": draw(st.permutations(options)),
            "risks": [
                {"risk": draw(basic_sentence), "mitigation": draw(basic_sentence)}
                for _ in range(draw(st.integers(1, 3)))
            ],
            "validation": {"offline": draw(basic_sentence), "online": draw(basic_sentence)},
        }
    )
    return document


@st.composite
def basic_acceptance_checklist(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(basic_common("acceptance-checklist"))
    ids = list(STANDARD_ITEMS) + draw(
        st.lists(kebab.filter(lambda k: k not in STANDARD_ITEMS), max_size=2, unique=True)
    )
    items = []
    for item_id in draw(st.permutations(ids)):
        if draw(st.booleans()):
            item = {"id": item_id, "status": "done", "evidence": draw(basic_sentence)}
        else:
            item = {"id": item_id, "status": "n/a", "reason": draw(basic_sentence)}
        if draw(st.booleans()):
            item["notes"] = draw(basic_sentence)
        items.append(item)
    document["items"] = items
    return document


complete_document = st.one_of(
    basic_model_contract(),
    basic_experiment_plan(),
    basic_problem_framing(),
    basic_acceptance_checklist(),
)
BASIC_FORMATS = ("yaml-block", "yaml-flow", "json", "markdown")
basic_fmt = st.sampled_from(BASIC_FORMATS)


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
def written_files(files: dict[str, bytes]) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(data)
        yield folder


def lint_one(text: str, name: str) -> list[Finding]:
    with written_files({name: text.encode("utf-8")}) as folder:
        path = os.path.join(folder, name)
        return list(lint_file(Target(path, name), CONFIG, TODAY).findings)


def lint_document(document: dict[str, Any], how: str) -> list[Finding]:
    name, text = dump(document, how)
    return lint_one(text, name)


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


@st.composite
def a_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file of a project: a complete document, a broken one, or junk."""
    choice = draw(st.integers(0, 3))
    document = draw(complete_document)
    how = draw(basic_fmt)
    if choice == 1:
        key = draw(st.sampled_from(sorted(k for k in document if k not in ("kind", "name"))))
        del document[key]
    if choice == 2 and document["kind"] in ("experiment-plan", "acceptance-checklist"):
        document["contract"] = draw(st.sampled_from(["f0.yaml", "f1.json", "missing.yaml"]))
    name, text = dump(document, how)
    if choice == 3:
        text = draw(yamlish_text)
    return name.rsplit(".", 1)[1], text.encode("utf-8")
