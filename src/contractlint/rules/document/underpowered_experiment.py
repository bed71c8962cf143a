from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import LIMIT, count


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    from contractlint import power

    per_arm = _experiment.per_arm(document.value)
    if per_arm is None:
        return  # missing (CL301) or rejected by the schema (CL003)
    plan = _experiment.design(document, options)
    if plan is None:
        return  # CL203 reports a metric that cannot be sized
    try:
        required = power.required_per_arm(plan)
        reached = power.achieved_power(plan, per_arm)
        applied = power.factors(plan)
    except _experiment.UNSIZABLE:
        return  # CL203 reports a baseline or effect that makes the formula meaningless
    if per_arm >= required:
        return
    # Every factor that changed the formula's n is named, so the number can be checked;
    # the inputs and the formula are `explain`'s and `contractlint power`'s.
    named = " (" + ", ".join(f.short for f in applied) + ")" if applied else ""
    head = f"`per_arm` {count(per_arm)} is below the {count(required)} per arm needed{named}"
    tail = f"; it reaches a power of only {_experiment.percent(reached)}"
    target = f" for power {power.level(plan.power)}"
    if len(head) + len(target) + len(tail) <= LIMIT:
        head += target  # the level too, when it fits (alpha is `explain`'s)
    yield Hit("/sample_size/per_arm", head + tail)


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`per_arm` is below the required n of section 1.2",
    check=check,
    doc=RuleDoc(
        what=(
            "`sample_size.per_arm` is below the units per arm needed to detect the primary "
            "metric's `minimum_detectable_effect` at the plan's alpha and power (normal "
            "approximation: two-proportion test for `proportion`, two-sample z-test for "
            "`mean`; one-sided uses alpha instead of alpha/2; with `correction: bonferroni`, "
            "alpha is divided by arms - 1). The required n is multiplied by 1 - rho^2 under "
            "`variance_reduction: {method: cuped, correlation: rho}` and, for a sequential "
            "plan, by the design's maximum-sample-size inflation factor: computed for "
            "`obrien_fleming` and `pocock` with `interim_looks + 1` equally spaced analyses "
            "at the plan's alpha and power, the plan's `inflation_factor` for other methods. "
            "The message gives the required n, every factor applied and the power the "
            "declared n reaches."
        ),
        why=(
            "An underpowered experiment is worse than none: it usually finds nothing, the "
            "team concludes the idea does not work, and a good feature is dropped; and when it "
            "does find something, the estimate is inflated by luck. The required n follows "
            "from numbers the team already agreed (baseline, smallest effect worth shipping, "
            "alpha, power), so a plan that declares less is promising a power it cannot have. "
            "References: Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions "
            "(2003), ch. 4; Deng, Xu, Kohavi & Walker, CUPED (WSDM 2013); Jennison & "
            "Turnbull, Group Sequential Methods (2000), ch. 2 and 19."
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
