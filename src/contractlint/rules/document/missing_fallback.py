from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import get, is_missing, state_of


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    value = document.value
    fallback = value.get("fallback")
    if is_missing(fallback, options) or fallback == {}:
        detail = "the contract has no `fallback`"
        if "fallback" in value:
            detail = f"`fallback` {state_of(fallback)}"
        yield Hit(
            "/fallback",
            f"{detail}: say what callers get when the model fails, e.g. `serve_most_popular`",
        )
        return
    if isinstance(fallback, dict):
        strategy = get(fallback, "strategy")
        if is_missing(strategy, options):
            detail = "`fallback` names no `strategy`"
            if "strategy" in fallback:
                detail = f"`fallback.strategy` {state_of(strategy)}"
            yield Hit(
                "/fallback/strategy",
                f"{detail}: say what callers get instead, e.g. `serve_most_popular`",
            )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`fallback` is missing or a placeholder",
    check=check,
    doc=RuleDoc(
        what=(
            "A model contract must say what the service returns when the model cannot "
            "answer in time: `fallback` is absent, null, a placeholder such as `TBD`, or "
            "a mapping without a `strategy`."
        ),
        why=(
            "Every model times out, throws or gets rolled back at some point. Without an "
            "agreed fallback, the calling team improvises one in an incident: an empty "
            "page, a 500 error, or stale results nobody chose. The product manager "
            "decides what users see in that minute, the engineer makes sure it is cheap "
            "and always available, and the data scientist knows which baseline the model "
            "is really being compared with. Writing it into the contract makes all three "
            "agree before launch, not during the outage."
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "endpoint: /v1/rank\n"
            "latency_budget_ms: {p50: 50, p95: 120}\n"
            "timeout_ms: 300\n"
            "fallback: TBD\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "endpoint: /v1/rank\n"
            "latency_budget_ms: {p50: 50, p95: 120}\n"
            "timeout_ms: 300\n"
            "fallback:\n"
            "  strategy: serve_most_popular\n"
            "  feature_flag: ranking_fallback\n"
        ),
        fix=(
            "Add `fallback:` with the behaviour callers get when the model fails: a plain "
            "string (`fallback: serve_most_popular`) or a mapping with `strategy` and the "
            "`feature_flag` that switches to it."
        ),
        options="`placeholders` (which values count as missing).",
    ),
)
