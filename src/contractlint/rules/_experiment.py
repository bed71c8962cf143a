"""An experiment plan's design as :mod:`contractlint.power` sizes it (shared by the rules
that compute sample sizes, power or the chance of shipping).

The rules stay silent when a value is missing (another rule asks for it) or rejected by
the schema (which reports it), so these helpers return None rather than raise. The
power module is imported inside the functions: only a run that lints an experiment plan
pays for ``statistics`` and the boundary integration.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from contractlint.model import Document, RuleOptions
from contractlint.rules._common import LIMIT, get, is_number

if TYPE_CHECKING:
    from contractlint import power

# Names a plan gives a sample-ratio-mismatch check (compared folded: lower case, `_`).
SRM_CHECKS = ("srm", "sample_ratio_mismatch")
# What computing a design can raise: its own DesignError (a ValueError) for inputs that
# make the formula meaningless, and an overflow or a division by a zero that underflowed
# for extreme but finite ones (`relative: 1.0e-300`). Either way it cannot be sized.
UNSIZABLE = (ValueError, ArithmeticError)


def fold(text: str) -> str:
    """A name as compared: trimmed, lower case, `-` and spaces as `_`."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def alpha_or_power(sample: Any) -> Any:
    """A string where alpha or power should be a number (the schema reports it)."""
    for key in ("alpha", "power"):
        if isinstance(get(sample, key), str):
            return get(sample, key)
    return None


def levels(value: Mapping[str, Any], options: RuleOptions) -> tuple[float, float] | None:
    """(alpha, power) of the plan, the configuration's defaults where it gives none; None
    when one is a string the schema rejected."""
    sample = value.get("sample_size")
    rejected = alpha_or_power(sample)
    if rejected is not None and not options.is_placeholder(rejected):
        return None
    alpha, wanted = get(sample, "alpha"), get(sample, "power")
    return (
        float(alpha) if is_number(alpha) else options.alpha,
        float(wanted) if is_number(wanted) else options.power,
    )


def adjustments(value: Mapping[str, Any]) -> dict[str, Any] | None:
    """The v2 factors a plan declares, as fields of :class:`power.Design`; None when one
    is a number past a float's range (`correlation: 1e400`, which the schema rejects)."""
    from contractlint import power

    try:
        return power.plan_adjustments(value)
    except UNSIZABLE:
        return None


def per_arm(value: Mapping[str, Any]) -> int | None:
    """`sample_size.per_arm` when it is a whole positive number (else CL301 or CL003)."""
    units = get(value.get("sample_size"), "per_arm")
    if not is_number(units) or units != int(units) or units < 1:
        return None
    return int(units)


def design(document: Document, options: RuleOptions) -> power.Design | None:
    """The plan's primary-metric design, or None when it lacks what the calculation needs."""
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
    plan_levels = levels(value, options)
    factors = adjustments(value)
    if plan_levels is None or factors is None:
        return None  # a value the schema rejected
    arms = value.get("arms", 2)
    return power.Design(
        metric_type=str(metric.get("type") or "proportion"),
        baseline=float(metric["baseline"]),
        std_dev=float(metric["std_dev"]) if is_number(metric.get("std_dev")) else None,
        relative=float(relative) if is_number(relative) else None,
        absolute=float(absolute) if is_number(absolute) and not is_number(relative) else None,
        direction=str(metric.get("direction") or "increase"),
        alpha=plan_levels[0],
        power=plan_levels[1],
        alternative=str(get(sample, "alternative") or "two-sided"),
        arms=int(arms) if is_number(arms) else 2,
        correction=value.get("correction") if isinstance(value.get("correction"), str) else None,
        **factors,
    )


def guardrail_design(
    value: Mapping[str, Any], guardrail: Mapping[str, Any], options: RuleOptions
) -> power.Design | None:
    """A guardrail's non-inferiority design (``relative`` is its ``max_regression``), or
    None when it has no numeric baseline and positive ``max_regression``."""
    from contractlint import power

    baseline, regression = guardrail.get("baseline"), guardrail.get("max_regression")
    if not (is_number(baseline) and is_number(regression) and regression > 0):
        return None
    std_dev = guardrail.get("std_dev")
    plan_levels = levels(value, options)
    factors = adjustments(value)
    if plan_levels is None or factors is None:
        return None
    return power.Design(
        metric_type=str(guardrail.get("type") or "proportion"),
        baseline=float(baseline),
        std_dev=float(std_dev) if is_number(std_dev) else None,
        relative=float(regression),
        alpha=plan_levels[0],
        power=plan_levels[1],
        alternative="one-sided",
        **factors,
    )


def traffic(value: Mapping[str, Any]) -> tuple[float, float] | None:
    """(daily units, allocation) when the plan gives usable traffic."""
    daily = get(value.get("traffic"), "daily_units")
    allocation = get(value.get("traffic"), "allocation")
    if allocation is None:
        allocation = 1.0
    if not (is_number(daily) and daily > 0 and is_number(allocation) and 0 < allocation <= 1):
        return None
    return float(daily), float(allocation)


def arms(value: Mapping[str, Any]) -> int:
    count = value.get("arms", 2)
    return int(count) if is_number(count) and count == int(count) and count >= 2 else 2


def percent(probability: float) -> str:
    """A probability as a percentage that never rounds up past what it is (79.996% is
    79.99%, not 80.00%)."""
    return f"{math.floor(probability * 10_000) / 100:.2f}%"


def within(message: str, *extras: str) -> str:
    """``message`` with each of ``extras`` appended, in order, while it stays within
    :data:`LIMIT` (details that fit are kept, the rest is ``contractlint power``'s)."""
    for extra in extras:
        if len(message) + len(extra) <= LIMIT:
            message += extra
    return message


def not_a_rate(field: str, value: float) -> str:
    """Why a proportion's ``baseline`` is no rate in (0, 1), with the fraction it meant
    when it reads as a percentage (``33`` -> ``0.33``); 0, 1 and other values are no
    percentage of a rate worth testing."""
    hint = f" (write {value / 100:g} for {value:g}%)" if 1 < value < 100 else ""
    return f"{field} {value:g} is not a rate in (0, 1){hint}"
