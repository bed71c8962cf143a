from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import is_missing


def _problem(
    metric: Mapping[str, Any], randomized: str | None, options: RuleOptions
) -> tuple[str, str] | None:
    """(the field to point at, what is wrong) when the metric's naive variance is too small
    and no variance method corrects it, else None."""
    method = metric.get("variance_method")
    if isinstance(method, str) and not is_missing(method, options) and method != "none":
        return None  # delta, bootstrap or cluster; another value is the schema's (CL003)
    if method is not None and not isinstance(method, str):
        return None  # rejected by the schema
    unit = metric.get("unit")
    differs = (
        isinstance(unit, str)
        and not is_missing(unit, options)
        and randomized is not None
        and _experiment.fold(unit) != _experiment.fold(randomized)
    )
    if differs:
        reason = (
            f"is analysed per `{unit}` while the plan randomizes by `{randomized}`: the "
            f"{unit}s of one {randomized} are correlated, so treating them as independent "
            "makes the variance too small and false wins too frequent"
        )
    elif metric.get("type") == "ratio":
        reason = (
            "is a ratio: its denominator varies from unit to unit, so the variance of a "
            "simple mean over its denominators is too small"
        )
    else:
        return None
    field = "variance_method" if "variance_method" in metric else "unit" if differs else "type"
    return field, reason


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    value = document.value
    randomized: Any = value.get("unit_of_randomization")
    if not isinstance(randomized, str) or is_missing(randomized, options):
        randomized = None  # CL307 asks for it; a ratio is still checked
    advice = (
        "; name the `variance_method` the analysis uses (`delta` for the delta method, "
        "`bootstrap` over randomization units, or `cluster`-robust standard errors)"
    )
    metric = value.get("primary_metric")
    if isinstance(metric, dict):
        found = _problem(metric, randomized, options)
        if found is not None:
            name = metric.get("name")
            label = f"`{name}`" if isinstance(name, str) and name else "the primary metric"
            yield Hit(f"/primary_metric/{found[0]}", f"primary metric {label} {found[1]}{advice}")
    listed = value.get("guardrails")
    for index, guardrail in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(guardrail, dict):
            continue
        found = _problem(guardrail, randomized, options)
        if found is not None:
            name = guardrail.get("metric")
            label = f"`{name}`" if isinstance(name, str) and name else f"#{index + 1}"
            yield Hit(f"/guardrails/{index}/{found[0]}", f"guardrail {label} {found[1]}{advice}")


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    kinds=("experiment-plan",),
    summary=(
        "a metric's `unit` differs from `unit_of_randomization`, or its type is `ratio`, "
        "and no `variance_method` is given: the naive variance is too small"
    ),
    check=check,
    doc=RuleDoc(
        what=(
            "The primary metric or a guardrail is analysed per a `unit` other than the "
            "`unit_of_randomization` (opens per send while users are randomized), or the "
            "primary metric's `type` is `ratio`, and the metric names no `variance_method` "
            "(or `none`)."
        ),
        why=(
            "The textbook variance treats every observation as independent. When users are "
            "randomized but sends, sessions or page views are analysed, one user's "
            "observations move together, and the variance of a per-send rate is larger than "
            "p (1 - p) / sends: the naive standard error is too small, confidence intervals "
            "too narrow and the false-positive rate several times the nominal 5%. A ratio "
            "metric (clicks per session) has the same problem through its random "
            "denominator. The delta method, a bootstrap over randomization units or "
            "cluster-robust errors give the right variance, and the plan should say which. "
            "References: Deng, Lu & Litz, Applying the Delta Method in Metric Analytics "
            "(KDD 2018); Kohavi, Tang & Xu, Trustworthy Online Controlled Experiments "
            "(2020), ch. 18."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, unit: send}\n"
            "unit_of_randomization: user\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, unit: send, variance_method: delta}\n"
            "unit_of_randomization: user\n"
        ),
        fix=(
            "Set `variance_method: delta` (or `bootstrap`, `cluster`) and analyse that way, "
            "or analyse per randomization unit (opens per user)."
        ),
        options="`placeholders`.",
    ),
)
