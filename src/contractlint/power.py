"""Sample size and power for an ``experiment-plan`` (rule CL302; see CL308, CL309).

This module is pure: no I/O and no SciPy. The normal quantiles come from
:class:`statistics.NormalDist`.

The formula is the one fixed by SPEC section 1.2, the classic
normal-approximation sample size for comparing two independent groups of equal
size (Fleiss, Levin & Paik, *Statistical Methods for Rates and Proportions*,
3rd ed., 2003, eq. 4.14 without the continuity correction; Chow, Shao & Wang,
*Sample Size Calculations in Clinical Research*, 2008, sections 3.2 and 4.2).
With ``z_q`` the standard normal quantile of ``q``, ``a`` the level and
``1 - b`` the power, the required number of units per arm is

- proportion: ``p1 = baseline``, ``p2 = p1 + delta`` (``p1 - delta`` when
  ``direction`` is ``decrease``), ``p_bar = (p1 + p2) / 2`` and::

      n = (z_{1-a/2} * sqrt(2 p_bar (1 - p_bar))
           + z_{1-b} * sqrt(p1 (1 - p1) + p2 (1 - p2)))^2 / delta^2

  (the pooled variance under the null, the unpooled one under the alternative);
- mean: ``n = 2 std_dev^2 (z_{1-a/2} + z_{1-b})^2 / delta^2``.

``delta`` is the absolute effect, or ``baseline * relative``. A one-sided test
uses ``z_{1-a}`` instead of ``z_{1-a/2}``. With ``correction: bonferroni`` and
more than two arms, the ``k = arms - 1`` comparisons against control each get
the level ``a / k``. ``n`` is rounded up to a whole unit.

:func:`achieved_power` solves the same equation for ``z_{1-b}``, so a plan is
underpowered (CL302) exactly when ``per_arm < required_per_arm(design)``, that
is when ``achieved_power(design, per_arm) < design.power``. Like the sample size
formula, the achieved power ignores the far tail of a two-sided test (the
probability of rejecting in the wrong direction), which is negligible for any
plan that needs more than a handful of units.

Inputs that make the formula meaningless raise :class:`DesignError`, so a rule
can stay silent (or report) instead of printing a nonsensical number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

__all__ = [
    "ALTERNATIVES",
    "DIRECTIONS",
    "METRIC_TYPES",
    "Design",
    "DesignError",
    "achieved_power",
    "effect",
    "effective_alpha",
    "required_per_arm",
    "required_per_arm_exact",
    "validate",
]

METRIC_TYPES: tuple[str, ...] = ("proportion", "mean")
DIRECTIONS: tuple[str, ...] = ("increase", "decrease", "any")
ALTERNATIVES: tuple[str, ...] = ("two-sided", "one-sided")

_STANDARD_NORMAL = NormalDist()

# How far above a whole number a computed sample size may be and still count as
# that number: float noise in the quantiles and square roots must not add a unit.
# Absolute for small sizes, relative for large ones (noise grows with the size).
_ROUNDING_SLACK = 1e-9
_RELATIVE_ROUNDING_SLACK = 1e-12


class DesignError(ValueError):
    """The experiment design makes the sample size formula meaningless."""


@dataclass(frozen=True)
class Design:
    """The parts of an ``experiment-plan`` that decide its sample size.

    ``metric_type`` is ``"proportion"`` or ``"mean"``; ``baseline`` is a rate in
    (0, 1) for a proportion and the mean for a mean, whose ``std_dev`` is then
    required. Exactly one of ``relative`` and ``absolute`` gives the minimum
    detectable effect. ``direction`` is ``"increase"``, ``"decrease"`` or
    ``"any"`` (``"any"`` uses ``p2 = p1 + delta`` like ``"increase"``, as SPEC
    1.2 only singles out ``"decrease"``). ``alternative`` is ``"two-sided"`` or
    ``"one-sided"``. ``correction`` changes the level only when it is
    ``"bonferroni"`` (case-insensitive) and ``arms > 2``.

    The values are not checked when the design is built, since they usually
    come straight from a YAML file: the functions below check them and raise
    :class:`DesignError`.
    """

    metric_type: str
    baseline: float
    std_dev: float | None = None
    relative: float | None = None
    absolute: float | None = None
    direction: str = "increase"
    alpha: float = 0.05
    power: float = 0.8
    alternative: str = "two-sided"
    arms: int = 2
    correction: str | None = None


def _is_number(value: object) -> bool:
    """A finite int or float, but not a bool (YAML's ``yes`` is not a number)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _check_fields(design: Design) -> None:
    """Raise :class:`DesignError` unless every field has a usable value."""
    if design.metric_type not in METRIC_TYPES:
        raise DesignError(f"metric type must be 'proportion' or 'mean', not {design.metric_type!r}")
    if design.direction not in DIRECTIONS:
        raise DesignError(
            f"direction must be 'increase', 'decrease' or 'any', not {design.direction!r}"
        )
    if design.alternative not in ALTERNATIVES:
        raise DesignError(
            f"alternative must be 'two-sided' or 'one-sided', not {design.alternative!r}"
        )
    if not _is_number(design.baseline):
        raise DesignError(f"baseline must be a finite number, not {design.baseline!r}")
    if design.metric_type == "proportion" and not 0 < design.baseline < 1:
        raise DesignError(
            f"baseline of a proportion must be strictly between 0 and 1, not {design.baseline!r}"
        )
    if design.metric_type == "mean" and not (
        design.std_dev is not None and _is_number(design.std_dev) and design.std_dev > 0
    ):
        raise DesignError(f"a mean metric needs a positive finite std_dev, not {design.std_dev!r}")
    for name, level in (("alpha", design.alpha), ("power", design.power)):
        if not (_is_number(level) and 0 < level < 1):
            raise DesignError(f"{name} must be strictly between 0 and 1, not {level!r}")
    if isinstance(design.arms, bool) or not isinstance(design.arms, int) or design.arms < 2:
        raise DesignError(f"arms must be a whole number of at least 2, not {design.arms!r}")
    if design.correction is not None and not isinstance(design.correction, str):
        raise DesignError(f"correction must be a string, not {design.correction!r}")


def effect(design: Design) -> float:
    """The minimum detectable effect ``delta`` as an absolute difference.

    It is ``absolute``, or ``baseline * relative``; it must be positive (the
    direction is given by ``direction``, not by the sign of the effect).
    """
    _check_fields(design)
    if (design.relative is None) == (design.absolute is None):
        raise DesignError(
            "the minimum detectable effect needs exactly one of 'relative' and 'absolute'"
        )
    if design.absolute is not None:
        if not _is_number(design.absolute):
            raise DesignError(f"absolute effect must be a finite number, not {design.absolute!r}")
        delta = float(design.absolute)
    elif design.relative is not None:
        if not _is_number(design.relative):
            raise DesignError(f"relative effect must be a finite number, not {design.relative!r}")
        delta = float(design.baseline) * float(design.relative)
    if not (math.isfinite(delta) and delta > 0):
        raise DesignError(f"the minimum detectable effect must be positive, not {delta!r}")
    return delta


def effective_alpha(design: Design) -> float:
    """The level of each comparison: ``alpha / (arms - 1)`` under Bonferroni, else ``alpha``."""
    _check_fields(design)
    bonferroni = design.correction is not None and design.correction.strip().lower() == (
        "bonferroni"
    )
    if bonferroni and design.arms > 2:
        return float(design.alpha) / (design.arms - 1)
    return float(design.alpha)


def _proportions(design: Design, delta: float) -> tuple[float, float]:
    """``(p1, p2)``: the baseline rate and the rate under the alternative."""
    p1 = float(design.baseline)
    p2 = p1 - delta if design.direction == "decrease" else p1 + delta
    if not 0 < p2 < 1:
        raise DesignError(
            f"baseline {p1!r} with an effect of {delta!r} gives a rate of {p2!r}, outside (0, 1)"
        )
    return p1, p2


def _z_alpha(design: Design) -> float:
    """``z_{1-a/2}`` for a two-sided test, ``z_{1-a}`` for a one-sided one."""
    alpha = effective_alpha(design)
    tail = alpha / 2 if design.alternative == "two-sided" else alpha
    return _STANDARD_NORMAL.inv_cdf(1 - tail)


def _std_null_alt(design: Design, delta: float) -> tuple[float, float]:
    """Standard deviations of one unit's contribution under the null and the alternative.

    They are the factors of ``z_{1-a/2}`` and ``z_{1-b}`` in the sample size
    formula, for a difference of means between two arms.
    """
    if design.metric_type == "proportion":
        p1, p2 = _proportions(design, delta)
        p_bar = (p1 + p2) / 2
        std_null = math.sqrt(2 * p_bar * (1 - p_bar))
        std_alt = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
        return std_null, std_alt
    assert design.std_dev is not None  # checked by _check_fields
    std = float(design.std_dev) * math.sqrt(2)
    return std, std


def validate(design: Design) -> None:
    """Raise :class:`DesignError` if the formula is meaningless for ``design``."""
    delta = effect(design)
    _std_null_alt(design, delta)


def required_per_arm_exact(design: Design) -> float:
    """The sample size per arm of SPEC 1.2 before rounding up."""
    delta = effect(design)
    std_null, std_alt = _std_null_alt(design, delta)
    z_alpha = _z_alpha(design)
    z_beta = _STANDARD_NORMAL.inv_cdf(float(design.power))
    root = z_alpha * std_null + z_beta * std_alt
    if root <= 0:
        # Only when power is below 1/2 and the level is huge: every sample size,
        # even none, would "reach" the power, and squaring would hide it.
        raise DesignError(
            f"power {design.power!r} is too low for alpha {design.alpha!r}:"
            " no sample size is needed to reach it"
        )
    return (root / delta) ** 2


def _round_up(value: float) -> int:
    """``math.ceil`` that does not add a unit for float noise just above an integer."""
    nearest = round(value)
    if abs(value - nearest) <= max(_ROUNDING_SLACK, _RELATIVE_ROUNDING_SLACK * abs(value)):
        return int(nearest)
    return math.ceil(value)


def required_per_arm(design: Design) -> int:
    """The required number of units per arm (SPEC 1.2), rounded up, at least 1."""
    return max(1, _round_up(required_per_arm_exact(design)))


def achieved_power(design: Design, per_arm: int) -> float:
    """The power that ``per_arm`` units per arm reach under the SPEC 1.2 formula.

    It is the formula solved for ``z_{1-b}``, then ``Phi(z_{1-b})``:
    ``z_b = (sqrt(n) delta - z_a sqrt(2 p_bar (1 - p_bar))) / sqrt(p1 (1-p1) + p2 (1-p2))``
    for a proportion and ``z_b = sqrt(n) delta / (std_dev sqrt(2)) - z_a`` for a
    mean. The ``power`` field of ``design`` is not used, only checked.
    """
    if not _is_number(per_arm) or per_arm < 0:
        raise DesignError(f"per_arm must be a non-negative number, not {per_arm!r}")
    delta = effect(design)
    std_null, std_alt = _std_null_alt(design, delta)
    z_alpha = _z_alpha(design)
    z_beta = (math.sqrt(per_arm) * delta - z_alpha * std_null) / std_alt
    return _STANDARD_NORMAL.cdf(z_beta)
