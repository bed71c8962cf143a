from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import is_number
from contractlint.rules._vocabulary import PERCENTILES, TIMEOUT_KEYS


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    budget = document.value.get("latency_budget_ms")
    declared: list[tuple[str, float]] = []
    if isinstance(budget, dict):
        # Only positive budgets take part: the schema reports the others.
        declared = [
            (p, budget[p]) for p in PERCENTILES if is_number(budget.get(p)) and budget[p] > 0
        ]
    for (low, low_ms), (high, high_ms) in zip(declared, declared[1:]):
        if low_ms > high_ms:
            yield Hit(
                f"/latency_budget_ms/{low}",
                f"latency budget {low} ({low_ms:g} ms) is above {high} ({high_ms:g} ms): a lower "
                "percentile cannot be slower; swap or correct them",
            )
    for key in TIMEOUT_KEYS:
        timeout = document.value.get(key)
        if isinstance(timeout, (int, float)) and is_number(timeout) and declared:
            largest, largest_ms = max(declared, key=lambda item: item[1])
            if timeout <= largest_ms:
                yield Hit(
                    f"/{key}",
                    f"`{key}` ({timeout:g} ms) is not above the budget's {largest} "
                    f"({largest_ms:g} ms): requests within budget would time out; raise it",
                )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="p50 > p95, p95 > p99, or the timeout is not above the largest percentile",
    check=check,
    doc=RuleDoc(
        what=(
            "The latency percentiles are out of order (p50 > p95, p95 > p99; p90 is "
            "checked too when given), or `timeout_ms` is not strictly above the largest "
            "percentile of the budget."
        ),
        why=(
            "Percentiles are ordered by definition, so an inverted budget is a typo that "
            "makes every alert and load-test target built on it wrong. A timeout at or "
            "below the budget means the caller gives up on requests the contract calls "
            "acceptable: the fallback fires on normal traffic, and the model's measured "
            "quality silently drops because its slowest answers are thrown away."
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "latency_budget_ms: {p50: 120, p95: 50}\n"
            "timeout_ms: 100\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "latency_budget_ms: {p50: 50, p95: 120}\n"
            "timeout_ms: 300\n"
        ),
        fix=(
            "Put the percentiles in order (p50 <= p90 <= p95 <= p99) and set `timeout_ms` "
            "above the largest of them, with room for the network (often 2-3x the p95)."
        ),
    ),
)
