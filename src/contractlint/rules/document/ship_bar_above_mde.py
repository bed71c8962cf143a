from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import count, get, is_number


def _chance(document: Document, options: RuleOptions, bar: float) -> str:
    """How often a true effect of the MDE clears the bar, with the plan's n."""
    from contractlint import power

    plan = _experiment.design(document, options)
    if plan is None:
        return ""
    try:
        units = _experiment.per_arm(document.value) or power.required_per_arm(plan)
        scale = float(plan.baseline) if plan.relative is not None else 1.0
        chance = power.ship_probability(plan, units, abs(bar * scale))
    except _experiment.UNSIZABLE:
        return ""
    with_units = f"with {count(units)} per arm"
    return f": a true effect of the MDE ships only {chance:.1%} of the time {with_units}"


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    value = document.value
    threshold: Any = get(value.get("decision_rule"), "threshold")
    effect: Any = get(value.get("primary_metric"), "minimum_detectable_effect")
    relative: Any = get(effect, "relative")
    absolute: Any = get(effect, "absolute")
    if is_number(relative) == is_number(absolute) or not is_number(threshold):
        return  # no single MDE (CL203, CL003), or no numeric bar (CL204)
    mde = float(relative if is_number(relative) else absolute)
    if mde <= 0 or abs(threshold) <= mde:
        return
    scale = "relative" if is_number(relative) else "absolute"
    yield Hit(
        "/decision_rule/threshold",
        _experiment.within(
            f"ship bar {threshold:g} is above the MDE ({mde:g} {scale})"
            f"{_chance(document, options, float(threshold))}",
            "; lower the bar or raise the MDE",
        ),
    )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary=(
        "`decision_rule.threshold` is above the minimum detectable effect: a true effect of "
        "the MDE ships with the probability the message states"
    ),
    check=check,
    doc=RuleDoc(
        what=(
            "`decision_rule.threshold` (in the terms of the minimum detectable effect: "
            "relative when the MDE is relative) is larger than the primary metric's "
            "`minimum_detectable_effect`. The message gives the probability that a true "
            "effect of exactly the MDE ships: the observed effect, normal around the MDE "
            "with the standard error of `per_arm` units per arm, must reach the bar and be "
            "significant at the plan's alpha."
        ),
        why=(
            "The minimum detectable effect is the smallest effect the experiment is sized "
            "to find with the planned power, usually 80%. A ship bar above it quietly "
            "changes what the experiment can do: a true effect of exactly the MDE is "
            "observed above the bar well under half the time (8% for a 2% MDE and a 3% bar "
            "in the seed plan), so the team pays for a test that finds the win and then "
            "does not ship it. Either the bar is the real smallest effect worth shipping, "
            "and the MDE (hence the sample size) must be at least the bar, or the bar is "
            "too strict. References: Kohavi, Tang & Xu, Trustworthy Online Controlled "
            "Experiments (2020), ch. 17; van Belle, Statistical Rules of Thumb (2008), "
            "section 2.4."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, type: proportion, baseline: 0.33,\n"
            "                 minimum_detectable_effect: {relative: 0.02}}\n"
            "sample_size: {per_arm: 82000}\n"
            "decision_rule: {threshold: 0.03, confidence: 0.95}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, type: proportion, baseline: 0.33,\n"
            "                 minimum_detectable_effect: {relative: 0.02}}\n"
            "sample_size: {per_arm: 82000}\n"
            "decision_rule: {threshold: 0.02, confidence: 0.95}\n"
        ),
        fix=(
            "Make the bar at most the MDE, or raise the MDE to the bar and size the "
            "experiment for it (CL302 then asks for the larger n)."
        ),
        options="`experiment.alpha` and `experiment.power` (defaults when the plan gives none).",
    ),
)
