from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import is_missing, state_of


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    budget = document.value.get("latency_budget_ms")
    if is_missing(budget, options) or budget == {}:
        detail = "the contract has no `latency_budget_ms`"
        if "latency_budget_ms" in document.value:
            detail = f"`latency_budget_ms` {state_of(budget)}"
        yield Hit(
            "/latency_budget_ms",
            f"{detail}: agree on a p95 (and p50) in milliseconds, e.g. `{{p50: 50, p95: 120}}`",
        )
        return
    if not isinstance(budget, dict):
        return  # the schema reports the wrong type
    p95 = budget.get("p95")
    if is_missing(p95, options):
        detail = "`latency_budget_ms` has no `p95`"
        if "p95" in budget:
            detail = f"`latency_budget_ms.p95` {state_of(p95)}"
        yield Hit(
            "/latency_budget_ms/p95",
            f"{detail}: add the p95 in milliseconds that callers set their timeouts by",
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`latency_budget_ms` or its `p95` is missing",
    check=check,
    doc=RuleDoc(
        what=(
            "The contract has no `latency_budget_ms`, or the budget has no `p95` "
            "(absent, null or a placeholder)."
        ),
        why=(
            "Latency is a product decision disguised as an engineering detail: a page "
            "that waits 800 ms for recommendations loses more users than the better "
            "ranking wins back. Without a budget, the data scientist picks the biggest "
            "model that fits offline, the engineer finds out in the load test, and the "
            "calling team sets its timeout by guesswork. The p95 is what callers and "
            "alerts are built on; the p50 alone hides the slow tail that users feel."
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "latency_budget_ms: {p50: 50}\n"
            "timeout_ms: 300\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "latency_budget_ms: {p50: 50, p95: 120}\n"
            "timeout_ms: 300\n"
        ),
        fix=(
            "Agree the budget with the calling team and write it in milliseconds: "
            "`latency_budget_ms: {p50: 50, p95: 120}` (p99 optional). Measure it in a "
            "load test before launch."
        ),
        options="`placeholders`.",
    ),
)
