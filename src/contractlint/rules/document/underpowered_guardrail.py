from __future__ import annotations

import math
from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import count, fit, label


def _primary_n(document: Document, options: RuleOptions) -> int | None:
    """The primary metric's required n, to say how many times more a guardrail needs."""
    from contractlint import power

    plan = _experiment.design(document, options)
    if plan is None:
        return None
    try:
        return power.required_per_arm(plan)
    except _experiment.UNSIZABLE:
        return None


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    from contractlint import power

    value = document.value
    per_arm = _experiment.per_arm(value)
    listed = value.get("guardrails")
    if per_arm is None or not isinstance(listed, list):
        return  # no sample size (CL301), or no guardrails (CL201)
    primary: int | None = None
    for index, guardrail in enumerate(listed):
        if not isinstance(guardrail, dict):
            continue
        design = _experiment.guardrail_design(value, guardrail, options)
        if design is None:
            continue  # no baseline, or a zero margin (CL312)
        name = label(guardrail.get("metric"), f"#{index + 1}")
        if design.metric_type == "proportion" and not 0 < design.baseline < 1:
            # Nobody else reads a guardrail's baseline: a percentage is reported here.
            problem = _experiment.not_a_rate("guardrail {label}'s `baseline`", design.baseline)
            yield Hit(f"/guardrails/{index}/baseline", fit(problem, label=name))
            continue
        if design.metric_type in ("mean", "ratio") and (
            design.std_dev is None or design.baseline == 0
        ):
            # Nobody else reads a guardrail's spread: without it, or with no margin (a
            # `max_regression` of a baseline of 0), the guardrail can never be sized.
            if design.std_dev is None:  # at the field: the schema may have rejected it
                field = "std_dev"
                template = (
                    "guardrail {label} is a {kind} without a numeric `std_dev`: it cannot be "
                    "sized; add it from history"
                )
            else:
                field = "baseline"
                template = (
                    "guardrail {label} has a `baseline` of 0: its `max_regression`, "
                    "relative to it, leaves no margin; it cannot be sized"
                )
            yield Hit(
                f"/guardrails/{index}/{field}",
                fit(template, label=name, kind=design.metric_type),
            )
            continue
        try:
            required = power.noninferiority_per_arm(design)
            reached = power.noninferiority_power(design, per_arm)
            applied = power.noninferiority_factors(design)
            traffic = _experiment.traffic(value)
            needed = None
            if traffic is not None:
                needed = power.days_needed(required, _experiment.arms(value), *traffic)
        except _experiment.UNSIZABLE:
            continue  # a type the formula cannot use (CL003), or numbers past a float's range
        if per_arm >= required:
            continue
        primary = primary if primary is not None else _primary_n(document, options)
        days, weeks = "", ""
        if needed is not None:
            whole = math.ceil(needed / 7)
            weeks = f" ({count(whole)} week{'s' if whole != 1 else ''})"
            days = f"; {count(needed)} day{'s' if needed != 1 else ''}"
        regression = guardrail["max_regression"]
        # The spec's three numbers first (n, power, days), then what still fits.
        message = fit(
            "guardrail {label} needs {required} per arm ({margin}% margin); {per_arm} reach "
            "{power} power{days}" + (" of traffic" if days else ""),
            "{label} needs {required} per arm ({margin}% margin); {per_arm} reach {power} "
            "power{days}",
            label=name,
            required=count(required),
            margin=f"{regression * 100:g}",
            per_arm=count(per_arm),
            power=_experiment.percent(reached),
            days=days,
        )
        yield Hit(
            f"/guardrails/{index}/max_regression",
            _experiment.within(
                message,
                # The factors applied (CUPED, a sequential design), when they fit.
                " (" + ", ".join(f.short for f in applied) + ")" if applied else "",
                weeks,
                f"; {required / primary:.1f}x the primary's n" if primary else "",
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary=(
        "a guardrail with `baseline` and `max_regression` > 0 needs more than `per_arm` to "
        "show non-inferiority"
    ),
    check=check,
    doc=RuleDoc(
        what=(
            "A guardrail gives its `baseline` and a `max_regression` above 0, and the "
            "non-inferiority test it implies needs more units per arm than "
            "`sample_size.per_arm`. The test is one-sided at the plan's alpha with margin "
            "m = baseline x max_regression: n = (z_{1-alpha} + z_{1-beta})^2 x 2 sigma^2 / "
            "m^2 per arm, sigma^2 = p (1 - p) for a proportion and std_dev^2 for a mean, "
            "times the plan's CUPED and sequential factors (as for the primary metric). The "
            "message gives the required n, the power `per_arm` reaches and the days the "
            "plan's traffic needs. A proportion guardrail whose `baseline` is not a rate in "
            "(0, 1) (a percentage such as 1.3) is reported too: its test cannot be sized."
        ),
        why=(
            "A guardrail is a promise that the change does no harm, and showing no harm is a "
            "test of its own, usually a harder one than the primary metric's: guardrails are "
            "rare events (unsubscribes, complaints, crashes) and the tolerated harm is small. "
            "A plan sized only for its primary metric then ends with a guardrail whose "
            "confidence interval is wider than its margin, and the team either ships without "
            "the promised evidence or argues after the fact about noise. Platforms that "
            "teams trust size every metric and take the largest n (Spotify's Confidence). "
            "References: Blackwelder, Controlled Clinical Trials 3 (1982); Chow, Shao & Wang, "
            "Sample Size Calculations in Clinical Research (2008), section 4.2; Schultzberg, "
            "Kjellin & Rydberg, Risk-aware product decisions in A/B tests with multiple "
            "metrics (Spotify, 2024)."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails:\n"
            "  - {metric: unsubscribe_rate, baseline: 0.002, max_regression: 0.10}\n"
            "sample_size: {per_arm: 82000, alpha: 0.05, power: 0.8}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails:\n"
            "  - {metric: unsubscribe_rate, baseline: 0.002, max_regression: 0.30}\n"
            "sample_size: {per_arm: 82000, alpha: 0.05, power: 0.8}\n"
        ),
        fix=(
            "Raise `per_arm` to the guardrail's n (and check the traffic), agree on a wider "
            "margin the business can live with, reduce the variance (CUPED), or watch the "
            "guardrail with an absolute `max` instead of a statistical promise."
        ),
        options="`experiment.alpha` and `experiment.power` (defaults when the plan gives none).",
    ),
)
