from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import get, is_number
from contractlint.rules._evolution import nearest
from contractlint.rules._vocabulary import PERCENTILES, TIMEOUT_KEYS


def _timeout(document: Document) -> tuple[str, Any]:
    for key in TIMEOUT_KEYS:
        if is_number(document.value.get(key)):
            return f"/{key}", document.value[key]
    return "", None


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    before, after = old.value.get("latency_budget_ms"), new.value.get("latency_budget_ms")
    for percentile in PERCENTILES:
        was, now = get(before, percentile), get(after, percentile)
        if is_number(was) and (now is None or options.is_placeholder(now)):  # the loosest
            yield Hit(
                nearest(new, f"/latency_budget_ms/{percentile}"),
                f"latency budget {percentile} ({was:g} ms) is gone: callers' timeouts assume "
                "it; keep it or agree it with them",
            )
        elif is_number(was) and is_number(now) and now > was:
            yield Hit(
                f"/latency_budget_ms/{percentile}",
                f"latency budget {percentile} went up from {was:g} ms to {now:g} ms: callers' "
                "timeouts assume the old one; agree it with them",
            )
    (_, was_timeout), (pointer, now_timeout) = _timeout(old), _timeout(new)
    written = [new.value[key] for key in TIMEOUT_KEYS if key in new.value]
    if is_number(was_timeout) and all(v is None or options.is_placeholder(v) for v in written):
        yield Hit(
            "",
            f"the timeout ({was_timeout:g} ms) is gone: callers no longer know when to use "
            "their fallback; keep it or agree it with them",
        )
    elif is_number(was_timeout) and is_number(now_timeout) and now_timeout > was_timeout:
        yield Hit(
            pointer,
            f"the timeout went up from {was_timeout:g} ms to {now_timeout:g} ms: callers wait "
            "longer before their fallback; agree it with them",
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="a latency percentile or the timeout went up",
    compare=compare,
    doc=RuleDoc(
        what=(
            "`contractlint diff`: a `latency_budget_ms` percentile or the timeout is higher in "
            "the new version, or gone (no budget is the loosest one)."
        ),
        why=(
            "Latency budgets creep: each new model is a little bigger, each budget a little "
            "looser, and the page that calls the model gets slower one reasonable change at a "
            "time. Raising the budget can be the right trade, but the calling team has to agree "
            "to it, because their own timeouts and page budget were built on the old numbers."
        ),
        old=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "latency_budget_ms: {p50: 50, p95: 120}\n"
            "timeout_ms: 300\n"
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "latency_budget_ms: {p50: 50, p95: 180}\n"
            "timeout_ms: 300\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "latency_budget_ms: {p50: 45, p95: 110}\n"
            "timeout_ms: 300\n"
        ),
        fix=(
            "Keep the budget, or agree the new one with the calling team and suppress the "
            "finding with that reason."
        ),
        options="Only reported by `contractlint diff`.",
    ),
)
