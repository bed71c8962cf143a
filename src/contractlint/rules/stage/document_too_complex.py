"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="alias expansion or nesting passes the safety limits",
    doc=RuleDoc(
        what=(
            "The document nests deeper than the nesting limit, or its aliases expand to more nodes "
            "than the alias limit (a 'billion laughs' YAML bomb)."
        ),
        why=(
            "A few lines of YAML with nested aliases can expand to billions of nodes and exhaust "
            "memory; very deep nesting can crash parsers. contractlint stops at a fixed budget so a"
            " hostile or broken file cannot take down a developer's commit hook or a CI runner."
        ),
        bad=(
            "kind: model-contract\n"
            "name: laughs\n"
            "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "x-defaults: &defaults {p50: 50, p95: 120}\n"
            "latency_budget_ms: *defaults\n"
        ),
        fix=(
            "Flatten the document or use fewer nested aliases. If the document is legitimate, raise"
            " `max-depth` or `max-alias-nodes` in the config."
        ),
        options="`max-depth` (default 64), `max-alias-nodes` (default 10,000).",
    ),
)
