from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import is_missing, state_of
from contractlint.rules._vocabulary import TIMEOUT_KEYS


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    value = document.value
    keys = [k for k in TIMEOUT_KEYS if k in value]
    if any(not is_missing(value[k], options) for k in keys):
        return
    if keys:
        key = keys[0]
        yield Hit(
            f"/{key}",
            f"`{key}` {state_of(value[key])}: say how long callers wait before they use the "
            "fallback, e.g. `300`",
        )
        return
    yield Hit(
        "/timeout_ms",
        "the contract sets no `timeout_ms`: say how long callers wait before they use the "
        "fallback, e.g. `300`",
    )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="neither `timeout_ms` nor `timeouts_ms` is set",
    check=check,
    doc=RuleDoc(
        what=(
            "The contract sets neither `timeout_ms` nor its deprecated alias "
            "`timeouts_ms` (or sets them to null or a placeholder)."
        ),
        why=(
            "The latency budget says how fast the model should be; the timeout says what "
            "happens when it is not. Without one, each caller picks its own (often the "
            "HTTP client's default of 30 seconds or more), a slow model ties up threads "
            "across the calling service, and the fallback never fires. One agreed timeout "
            "is what makes the fallback and the budget enforceable."
        ),
        bad=(
            "kind: model-contract\nname: ranking-service\nlatency_budget_ms: {p50: 50, p95: 120}\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "latency_budget_ms: {p50: 50, p95: 120}\n"
            "timeout_ms: 300\n"
        ),
        fix=(
            "Add `timeout_ms:` in milliseconds, above the budget's largest percentile: "
            "`timeout_ms: 300`."
        ),
        options="`placeholders`.",
    ),
)
