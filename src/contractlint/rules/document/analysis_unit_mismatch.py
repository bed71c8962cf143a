from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import fit, is_missing, label


def _problem(
    metric: Mapping[str, Any], randomized: str | None, options: RuleOptions
) -> tuple[str, tuple[str, str, str]] | None:
    """(the field to point at, (what is wrong as a template, the unit, the randomization
    unit)) when the metric's naive variance is too small and no variance method corrects
    it, else None."""
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
        # One randomized unit's observations are correlated: counted as independent, they
        # make the variance too small (the explain page says why).
        reason = ("is per `{unit}`, randomized per `{rand}`", str(unit), str(randomized))
    elif metric.get("type") == "ratio":
        reason = ("is a ratio", "", "")  # its random denominator shrinks the naive variance
    else:
        return None
    field = "variance_method" if "variance_method" in metric else "unit" if differs else "type"
    return field, reason


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    value = document.value
    randomized: Any = value.get("unit_of_randomization")
    if not isinstance(randomized, str) or is_missing(randomized, options):
        randomized = None  # CL307 asks for it; a ratio is still checked
    advice = ": naive variance too small; add a `variance_method`"

    def message(who: str, name: str, found: tuple[str, str, str]) -> str:
        template, unit, rand = found
        return fit(
            f"{who} {{label}} {template}{advice}",
            f"{{label}} {template}: add a `variance_method`",
            f"metric {template}: add a `variance_method`",  # the finding points at it
            label=name,
            unit=unit,
            rand=rand,
        )

    metric = value.get("primary_metric")
    if isinstance(metric, dict):
        found = _problem(metric, randomized, options)
        if found is not None:
            shown = label(metric.get("name"), "")
            text = message("primary metric", shown, found[1]).replace("  ", " ")
            yield Hit(f"/primary_metric/{found[0]}", text)
    listed = value.get("guardrails")
    for index, guardrail in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(guardrail, dict):
            continue
        found = _problem(guardrail, randomized, options)
        if found is not None:
            shown = label(guardrail.get("metric"), f"#{index + 1}")
            yield Hit(f"/guardrails/{index}/{found[0]}", message("guardrail", shown, found[1]))


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary=(
        "a metric's `unit` differs from `unit_of_randomization`, or its type is `ratio`, "
        "and no `variance_method` (other than `none`) is given: the naive variance is too small"
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
