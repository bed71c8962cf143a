from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import get, is_number

if TYPE_CHECKING:
    from contractlint import power


def alpha_or_power(sample: Any) -> Any:
    """A string where alpha or power should be a number (the schema reports it)."""
    for key in ("alpha", "power"):
        if isinstance(get(sample, key), str):
            return get(sample, key)
    return None


def design(document: Document, options: RuleOptions) -> power.Design | None:
    """The plan's design, or None when it lacks what the calculation needs."""
    from contractlint import power  # statistics and its imports: only for experiment plans

    value = document.value
    metric: Any = value.get("primary_metric")
    sample: Any = value.get("sample_size")
    effect: Any = get(metric, "minimum_detectable_effect")
    relative, absolute = get(effect, "relative"), get(effect, "absolute")
    if not isinstance(metric, dict) or not is_number(metric.get("baseline")):
        return None
    if is_number(relative) == is_number(absolute):
        return None  # neither (CL203), or both (the schema rejects it): nothing to size
    if isinstance(metric.get("std_dev"), str) and not options.is_placeholder(metric["std_dev"]):
        return None  # a value the schema rejected
    rejected = alpha_or_power(sample)
    if rejected is not None and not options.is_placeholder(rejected):
        return None  # a value the schema rejected
    alpha = get(sample, "alpha")
    wanted = get(sample, "power")
    arms = value.get("arms", 2)
    return power.Design(
        metric_type=str(metric.get("type") or "proportion"),
        baseline=float(metric["baseline"]),
        std_dev=float(metric["std_dev"]) if is_number(metric.get("std_dev")) else None,
        relative=float(relative) if is_number(relative) else None,
        absolute=float(absolute) if is_number(absolute) and not is_number(relative) else None,
        direction=str(metric.get("direction") or "increase"),
        alpha=float(alpha) if is_number(alpha) else options.alpha,
        power=float(wanted) if is_number(wanted) else options.power,
        alternative=str(get(sample, "alternative") or "two-sided"),
        arms=int(arms) if is_number(arms) else 2,
        correction=value.get("correction") if isinstance(value.get("correction"), str) else None,
    )


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    from contractlint import power

    per_arm = get(document.value.get("sample_size"), "per_arm")
    if not is_number(per_arm) or per_arm != int(per_arm) or per_arm < 1:
        return  # missing (CL301) or rejected by the schema (CL003)
    plan = design(document, options)
    if plan is None:
        return  # CL203 reports a metric that cannot be sized
    try:
        required = power.required_per_arm(plan)
        reached = power.achieved_power(plan, int(per_arm))
    except power.DesignError:
        return  # CL203 reports a baseline or effect that makes the formula meaningless
    if per_arm >= required:
        return
    effect = f"{plan.relative:.4g} relative" if plan.relative is not None else f"{plan.absolute:g}"
    alpha = power.effective_alpha(plan)
    corrected = f" per comparison (Bonferroni: {plan.alpha:g} / {plan.arms - 1})"
    level = f"alpha {alpha:g}{corrected if alpha != plan.alpha else ''} {plan.alternative}"
    yield Hit(
        "/sample_size/per_arm",
        f"`sample_size.per_arm` {per_arm:,.0f} is below the {required:,} per arm needed to "
        f"detect a {effect} change on a baseline of {plan.baseline:g} ({level}, power "
        f"{plan.power:g}); {per_arm:,.0f} per arm reaches a power of only "
        f"{math.floor(reached * 10_000) / 100:.2f}%",
    )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    kinds=("experiment-plan",),
    summary="`per_arm` is below the required n of section 1.2",
    check=check,
    doc=RuleDoc(
        what=(
            "`sample_size.per_arm` is below the units per arm needed to detect the primary "
            "metric's `minimum_detectable_effect` at the plan's alpha and power (normal "
            "approximation: two-proportion test for `proportion`, two-sample z-test for "
            "`mean`; one-sided uses alpha instead of alpha/2; with `correction: bonferroni`, "
            "alpha is divided by arms - 1). The message gives the required n and the power "
            "the declared n reaches."
        ),
        why=(
            "An underpowered experiment is worse than none: it usually finds nothing, the "
            "team concludes the idea does not work, and a good feature is dropped; and when it "
            "does find something, the estimate is inflated by luck. The required n follows "
            "from numbers the team already agreed (baseline, smallest effect worth shipping, "
            "alpha, power), so a plan that declares less is promising a power it cannot have."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, type: proportion, baseline: 0.33,\n"
            "                 minimum_detectable_effect: {relative: 0.02}}\n"
            "sample_size: {per_arm: 80000, alpha: 0.05, power: 0.8}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, type: proportion, baseline: 0.33,\n"
            "                 minimum_detectable_effect: {relative: 0.02}}\n"
            "sample_size: {per_arm: 80078, alpha: 0.05, power: 0.8}\n"
        ),
        fix=(
            "Raise `per_arm` to the required n (and check CL308: the traffic must deliver it), "
            "or agree on a larger minimum detectable effect."
        ),
        options="`experiment.alpha` and `experiment.power` (defaults when the plan gives none).",
    ),
)
