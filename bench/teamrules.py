"""Fifty team rules over the benchmark corpus, for the "team rules" case of ``bench/run.py``.

``python bench/teamrules.py FILE`` writes them as a ``.contractlint.yaml`` would hold
them. They are rules a team might write about the documents ``bench/corpus.py``
generates, over the fields those documents really have: eight for every kind, and the
rest for model contracts, experiment plans, problem framings and acceptance checklists.
Their ``given`` mixes JSON Pointers with RFC 9535 JSONPaths (filters, wildcards,
recursive descent ``$..``, an absolute query inside a filter, and each of the
functions ``length()``, ``count()``, ``match()``, ``search()`` and ``value()``); their
``then`` calls each of contractlint's functions at least once. About one rule in five
fires on the corpus's flawed files (a missing timeout, an underpowered plan, a
placeholder mitigation, a checklist item left to do); the rest hold everywhere.

The rules are a fixed list, written in a fixed order: the same text every time.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

# contractlint's `then` functions, and the RFC 9535 functions a `given` can call.
FUNCTIONS = (
    "truthy",
    "falsy",
    "defined",
    "undefined",
    "not-placeholder",
    "pattern",
    "enum",
    "length",
    "lt",
    "lte",
    "gt",
    "gte",
    "schema",
)
JSONPATH_FUNCTIONS = ("length", "count", "match", "search", "value")

MODEL = ["model-contract"]
PLAN = ["experiment-plan"]
FRAMING = ["problem-framing"]
CHECKLIST = ["acceptance-checklist"]

# code -> rule, as a team writes it under `rules:`.
RULES: dict[str, dict[str, Any]] = {
    # -- every kind ----------------------------------------------------------------
    "ACME001": {
        "name": "owners-on-company-domain",
        "given": "$.owners[?!match(@, '[a-z0-9.-]+@example[.]com')]",
        "then": {"function": "undefined"},
        "message": "owner {path} `{value}` is not an @example.com address",
        "summary": "Every owner is a company address, so the owner can be reached.",
        "docs": "https://wiki.example.com/contracts/owners",
    },
    "ACME002": {
        "name": "scope-owner-named",
        "given": "/owners",
        "then": {"field": "scope", "function": "not-placeholder"},
        "message": "{path} names no {field} owner",
    },
    "ACME003": {
        "name": "method-owner-named",
        "severity": "error",
        "given": "/owners",
        "then": {"field": "method", "function": "defined"},
        "message": "{path} has no {field} owner: who signs off the method?",
    },
    "ACME004": {
        "name": "name-is-kebab-case",
        "given": "/name",
        "then": {"function": "pattern", "match": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
        "message": "name `{value}` is not kebab-case",
    },
    "ACME005": {
        "name": "no-scratch-names",
        "given": "$.name",
        "then": {"function": "pattern", "not-match": "(?i)(tmp|scratch|test|copy-of)"},
        "message": "name `{value}` looks like a scratch document",
    },
    "ACME006": {
        "name": "no-secrets",
        "severity": "error",
        "given": "$..[?search(@, '[Pp]assword|[Ss]ecret|[Aa][Pp][Ii][_-]?[Kk]ey|token=')]",
        "then": {"function": "undefined"},
        "message": "{path} looks like a credential; keep secrets out of contracts",
        "rationale": "Contracts are read by everyone in the company and kept in git forever.",
    },
    "ACME007": {
        "name": "guardrail-has-metric-and-bound",
        "kinds": ["experiment-plan", "problem-framing"],
        "given": "$..guardrails[?count(@.*) < 2]",
        "then": {"function": "undefined"},
        "message": "guardrail {path} needs a metric and a bound",
    },
    "ACME008": {
        "name": "description-fits-a-card",
        "severity": "info",
        "given": "$..description",
        "then": {"function": "length", "min": 10, "max": 280},
        "message": "{path} should be 10 to 280 characters to fit the catalogue card",
    },
    # -- model contracts -------------------------------------------------------------
    "ACME101": {
        "name": "version-is-semver",
        "kinds": MODEL,
        "given": "/version",
        "then": {"function": "pattern", "match": "^[0-9]+[.][0-9]+[.][0-9]+$"},
        "message": "version `{value}` is not MAJOR.MINOR.PATCH",
    },
    "ACME102": {
        "name": "endpoint-is-versioned",
        "kinds": MODEL,
        "given": "$.endpoint",
        "then": {"function": "pattern", "match": "^/v[0-9]+/"},
        "message": "endpoint `{value}` has no /vN/ prefix",
    },
    "ACME103": {
        "name": "latency-within-platform-slo",
        "severity": "error",
        "kinds": MODEL,
        "given": "/latency_budget_ms",
        "then": [
            {"field": "p95", "function": "lte", "value": 500},
            {"field": "p99", "function": "lte", "value": 2000},
        ],
        "message": "{path} is {value} ms, over the serving platform's SLO",
        "remediation": "Ask the platform team for an exception, or make the model faster.",
    },
    "ACME104": {
        "name": "timeout-declared",
        "severity": "error",
        "kinds": MODEL,
        "given": "$",
        "then": {"field": "timeout_ms", "function": "defined"},
        "message": "the contract sets no {field}; the gateway needs one",
    },
    "ACME105": {
        "name": "timeout-covers-latency-budget",
        "kinds": MODEL,
        "given": "$.latency_budget_ms[?@ > $.timeout_ms]",
        "then": {"function": "undefined"},
        "message": "{path} ({value} ms) is longer than timeout_ms",
    },
    "ACME106": {
        "name": "timeout-below-gateway-limit",
        "kinds": MODEL,
        "given": "$.timeout_ms",
        "then": {"function": "lt", "value": 10000},
        "message": "timeout_ms {value} is at or over the gateway's 10 s limit",
    },
    "ACME107": {
        "name": "fallback-strategy-known",
        "kinds": MODEL,
        "given": "$.fallback.strategy",
        "then": {
            "function": "enum",
            "values": ["serve_most_popular", "serve_cached", "serve_default", "fail_closed"],
        },
        "message": "fallback strategy `{value}` is not one the platform supports",
    },
    "ACME108": {
        "name": "fallback-behind-flag",
        "kinds": MODEL,
        "given": "/fallback",
        "then": {"field": "feature_flag", "function": "pattern", "match": "^[a-z][a-z0-9_]*$"},
        "message": "{path} `{value}` is not a feature flag name",
    },
    "ACME109": {
        "name": "fallback-not-disabled",
        "severity": "error",
        "kinds": MODEL,
        "given": "/fallback",
        "then": {"field": "disabled", "function": "falsy"},
        "message": "{path} is switched off",
    },
    "ACME110": {
        "name": "error-rate-monitored",
        "kinds": MODEL,
        "given": "/monitoring",
        "then": {
            "function": "schema",
            "schema": {"type": "array", "contains": {"const": "error_rate"}},
        },
        "message": "{path} does not watch error_rate",
    },
    "ACME111": {
        "name": "model-version-returned",
        "severity": "error",
        "kinds": MODEL,
        "given": "/response",
        "then": {"field": "model_version", "function": "defined"},
        "message": "{path} does not return {field}; callers cannot tell models apart",
    },
    "ACME112": {
        "name": "explanations-give-a-reason",
        "kinds": MODEL,
        "given": "$.response.explanations[*]",
        "then": {"field": "reason", "function": "truthy"},
        "message": "explanation {path} gives no reason",
    },
    "ACME113": {
        "name": "no-personal-data-in-logs",
        "severity": "error",
        "kinds": MODEL,
        "given": "$.logging[?@ == 'email' || @ == 'phone' || @ == 'ip_address']",
        "then": {"function": "undefined"},
        "message": "{path} logs `{value}`, which is personal data",
        "docs": "https://wiki.example.com/privacy/logging",
    },
    # -- experiment plans --------------------------------------------------------------
    "ACME201": {
        "name": "alpha-at-most-five-percent",
        "kinds": PLAN,
        "given": "/sample_size",
        "then": {"field": "alpha", "function": "lte", "value": 0.05},
        "message": "{path} is {value}; the experimentation council allows at most 0.05",
    },
    "ACME202": {
        "name": "power-at-least-eighty-percent",
        "kinds": PLAN,
        "given": "$.sample_size.power",
        "then": {"function": "gte", "value": 0.8},
        "message": "power {value} is under 0.8",
    },
    "ACME203": {
        "name": "enough-units-per-arm",
        "severity": "error",
        "kinds": PLAN,
        "given": "$.sample_size.per_arm",
        "then": {"function": "gte", "value": 50000},
        "message": "{value} units per arm is under the 50,000 the platform's variance needs",
    },
    "ACME204": {
        "name": "runs-a-full-week",
        "kinds": PLAN,
        "given": "$.duration_days",
        "then": {"function": "gte", "value": 7},
        "message": "{value} days does not cover a weekly cycle",
    },
    "ACME205": {
        "name": "direction-known",
        "kinds": PLAN,
        "given": "$.primary_metric.direction",
        "then": {"function": "enum", "values": ["increase", "decrease"]},
        "message": "{path} `{value}` is neither increase nor decrease",
    },
    "ACME206": {
        "name": "guardrail-is-bounded",
        "kinds": PLAN,
        "given": "$.guardrails[?!@.max && !@.max_regression]",
        "then": {"function": "undefined"},
        "message": "guardrail {path} sets neither max nor max_regression",
    },
    "ACME207": {
        "name": "stopping-rule-declared",
        "kinds": PLAN,
        "given": "$",
        "then": {"field": "stopping_rule", "function": "defined"},
        "message": "the plan has no {field}",
    },
    "ACME208": {
        "name": "fixed-horizon-without-peeking",
        "kinds": PLAN,
        "given": "$[?@ == 'fixed_horizon' && $.interim_looks > 0]",
        "then": {"function": "undefined"},
        "message": "a fixed-horizon plan takes no interim looks",
    },
    "ACME209": {
        "name": "allocation-is-a-fraction",
        "kinds": PLAN,
        "given": "$.traffic.allocation",
        "then": {
            "function": "schema",
            "schema": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        },
        "message": "{path} {value} is not a fraction of traffic",
    },
    "ACME210": {
        "name": "hypothesis-states-a-direction",
        "severity": "info",
        "kinds": PLAN,
        "given": "$.hypothesis",
        "then": {
            "function": "pattern",
            "match": "(?i)\\b(raise|lower|increase|decrease|reduce|improve)",
        },
        "message": "the hypothesis does not say which way the metric moves",
    },
    "ACME211": {
        "name": "contract-is-a-file",
        "kinds": ["experiment-plan", "acceptance-checklist"],
        "given": "/contract",
        "then": {"function": "pattern", "match": "[.](ya?ml|json)$"},
        "message": "contract `{value}` is not a YAML or JSON file",
    },
    "ACME212": {
        "name": "data-quality-checked",
        "kinds": PLAN,
        "given": "$.data_quality",
        "then": {"function": "length", "min": 2},
        "message": "{path} lists fewer than two checks",
    },
    # -- problem framings ----------------------------------------------------------------
    "ACME301": {
        "name": "several-options-weighed",
        "severity": "error",
        "kinds": FRAMING,
        "given": "/options",
        "then": {"function": "length", "min": 2},
        "message": "{path} weighs a single option; compare it with at least one other",
    },
    "ACME302": {
        "name": "risk-has-a-mitigation",
        "kinds": FRAMING,
        "given": "$.risks[*]",
        "then": {"field": "mitigation", "function": "not-placeholder"},
        "message": "risk {path} has no real mitigation (`{value}`)",
    },
    "ACME303": {
        "name": "estimates-positive",
        "kinds": FRAMING,
        "given": "$.options[*].estimate_weeks",
        "then": {"function": "gt", "value": 0},
        "message": "{path} is {value}; an option takes some time",
    },
    "ACME304": {
        "name": "no-half-year-options",
        "severity": "info",
        "kinds": FRAMING,
        "given": "$.options[?value(@..estimate_weeks) > 26]",
        "then": {"function": "undefined"},
        "message": "option {path} takes more than half a year; split it",
    },
    "ACME305": {
        "name": "lift-is-realistic",
        "kinds": FRAMING,
        "given": "$.metrics.primary.target_lift",
        "then": {"function": "lte", "value": 0.2},
        "message": "a target lift of {value} is more than past launches reached",
    },
    "ACME306": {
        "name": "privacy-constraint-stated",
        "kinds": FRAMING,
        "given": "/constraints",
        "then": {"field": "privacy", "function": "truthy"},
        "message": "{path} says nothing about privacy",
    },
    "ACME307": {
        "name": "online-validation-planned",
        "kinds": FRAMING,
        "given": "$.validation",
        "then": {"field": "online", "function": "not-placeholder"},
        "message": "{path} plans no online validation",
    },
    "ACME308": {
        "name": "baseline-is-a-rate",
        "kinds": FRAMING,
        "given": "$.metrics.primary.baseline",
        "then": {"function": "schema", "schema": {"type": "number", "minimum": 0, "maximum": 1}},
        "message": "{path} {value} is not a rate between 0 and 1",
    },
    # -- acceptance checklists -------------------------------------------------------------
    "ACME401": {
        "name": "done-means-evidence",
        "severity": "error",
        "kinds": CHECKLIST,
        "given": "$.items[?@.status == 'done']",
        "then": {"field": "evidence", "function": "truthy"},
        "message": "item {path} is done but cites no evidence",
    },
    "ACME402": {
        "name": "items-resolved-before-launch",
        "severity": "error",
        "kinds": CHECKLIST,
        "given": "$.items[*].status",
        "then": {"function": "enum", "values": ["done", "n/a"]},
        "message": "{path} is `{value}`; resolve it before launch",
    },
    "ACME403": {
        "name": "not-applicable-explained",
        "kinds": CHECKLIST,
        "given": "$.items[?@.status == 'n/a']",
        "then": {"field": "reason", "function": "not-placeholder"},
        "message": "item {path} is n/a without a reason",
    },
    "ACME404": {
        "name": "item-ids-kebab-case",
        "kinds": CHECKLIST,
        "given": "$.items[*].id",
        "then": {"function": "pattern", "match": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "message": "item id `{value}` is not kebab-case",
    },
    "ACME405": {
        "name": "full-checklist",
        "kinds": CHECKLIST,
        "given": "/items",
        "then": {"function": "length", "min": 6},
        "message": "{path} has fewer than the six launch items",
    },
    "ACME406": {
        "name": "rollback-item-present",
        "kinds": CHECKLIST,
        "given": "/items",
        "then": {
            "function": "schema",
            "schema": {
                "type": "array",
                "contains": {
                    "type": "object",
                    "properties": {"id": {"const": "rollback-documented"}},
                    "required": ["id"],
                },
            },
        },
        "message": "{path} has no rollback-documented item",
    },
    "ACME407": {
        "name": "evidence-is-specific",
        "kinds": CHECKLIST,
        "given": "$.items[?length(@.evidence) < 4]",
        "then": {"function": "undefined"},
        "message": "item {path} cites evidence too short to find",
    },
    "ACME408": {
        "name": "checklist-named-for-launch",
        "severity": "info",
        "kinds": CHECKLIST,
        "given": "/name",
        "then": {"function": "pattern", "match": "-launch$"},
        "message": "checklist `{value}` is not named NAME-launch",
    },
    "ACME409": {
        "name": "evidence-not-placeholder",
        "kinds": CHECKLIST,
        "given": "$..evidence",
        "then": {"function": "not-placeholder"},
        "message": "{path} is a placeholder, not evidence",
    },
}

# The rules that report something on the corpus (on its flawed files); the rest hold on
# every file of it.
FIRE_ON_FLAWS = (
    "ACME003",  # a problem framing without a method owner
    "ACME104",  # a model contract without timeout_ms
    "ACME111",  # a model contract whose response has no model_version
    "ACME203",  # an underpowered experiment plan
    "ACME207",  # an experiment plan without a stopping rule
    "ACME301",  # a problem framing with a single option
    "ACME302",  # a risk mitigated by "TBD"
    "ACME402",  # a checklist item left to do
)

# What a config holds besides the rules: the corpus has no configuration of its own, so
# the run without rules reads a file of comments (contractlint's defaults).
BASE = "# contractlint configuration of the benchmark corpus: the defaults.\n"
HEADER = "# Team rules (bench/teamrules.py): 50 rules over the corpus's documents.\n"


# -- YAML -------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_./@ -]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        plain = (
            _PLAIN.fullmatch(value)
            and value.lower() not in _RESERVED
            and not value.endswith(" ")
            and " #" not in value
        )
        return value if plain else json.dumps(value)
    return json.dumps(value)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def to_yaml(rules: dict[str, dict[str, Any]]) -> str:
    """``rules:`` as a team writes it: a block per rule, short values in flow style."""
    lines = ["rules:"]
    for code, body in rules.items():
        lines.append(f"  {code}:")
        for key, value in body.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                lines.append(f"    {key}:")
                lines += [f"      - {_flow(item)}" for item in value]
            else:
                lines.append(f"    {key}: {_flow(value)}")
    return "\n".join(lines) + "\n"


def config_text(with_rules: bool) -> str:
    """The corpus's configuration, with the 50 rules or without them."""
    return BASE + (HEADER + to_yaml(RULES) if with_rules else "")


def write(folder: Path) -> tuple[Path, Path]:
    """The two configurations in ``folder``: (without rules, with the 50 rules)."""
    without = folder / "bench-config-without-rules.yaml"
    with_rules = folder / "bench-config-team-rules.yaml"
    without.write_text(config_text(False), encoding="utf-8")
    with_rules.write_text(config_text(True), encoding="utf-8")
    return without, with_rules


def main(argv: list[str]) -> None:
    if len(argv) != 1 or argv[0].startswith("-"):  # `--help` is no file to write
        sys.exit("usage: python bench/teamrules.py FILE")
    Path(argv[0]).write_text(config_text(True), encoding="utf-8")
    print(f"{len(RULES)} team rules in {argv[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
