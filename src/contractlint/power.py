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

Experiment design in v2 (SPEC 1.2) multiplies the required n by factors, each named in
the messages (:func:`factors`):

- CUPED (Deng, Xu, Kohavi & Walker 2013): regressing the metric on its pre-experiment
  value with correlation ``rho`` leaves ``1 - rho^2`` of the variance, so ``n`` is
  multiplied by ``1 - rho^2``;
- a sequential design: O'Brien-Fleming and Pocock boundaries for ``K`` equally spaced
  analyses cost the maximum-sample-size inflation factor that :mod:`contractlint.sequential`
  computes by recursive numerical integration at the plan's level and power; another
  method costs the plan's own ``inflation_factor``.

A ``ratio`` metric (a numerator over a denominator, with the delta-method ``std_dev``
per randomization unit) is sized like a mean.

A guardrail with ``max_regression`` is a non-inferiority test (one-sided at the plan's
level, margin ``m = baseline * max_regression``), which needs
``n = (z_{1-a} + z_{1-b})^2 * 2 sigma^2 / m^2`` per arm, ``sigma^2 = p (1 - p)`` for a
proportion and ``std_dev^2`` for a mean (:func:`noninferiority_per_arm_exact`; Chow,
Shao & Wang 2008, section 4.2; Blackwelder 1982), times the same factors.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from statistics import NormalDist
from typing import Any, NamedTuple

__all__ = [
    "ALTERNATIVES",
    "COMPUTED_SEQUENTIAL_METHODS",
    "DIRECTIONS",
    "METRIC_TYPES",
    "Design",
    "DesignError",
    "Factor",
    "achieved_power",
    "computes_cost",
    "days_needed",
    "detectable_effect",
    "effect",
    "effective_alpha",
    "factors",
    "fixed_per_arm_exact",
    "level",
    "noninferiority_factors",
    "noninferiority_margin",
    "noninferiority_per_arm",
    "noninferiority_per_arm_exact",
    "noninferiority_power",
    "normalized_method",
    "plan_adjustments",
    "power_curve",
    "required_per_arm",
    "required_per_arm_exact",
    "ship_probability",
    "validate",
]

METRIC_TYPES: tuple[str, ...] = ("proportion", "mean", "ratio")
# The sequential designs whose sample-size cost is computed here, not taken from the plan.
COMPUTED_SEQUENTIAL_METHODS: tuple[str, ...] = ("obrien_fleming", "pocock")
DIRECTIONS: tuple[str, ...] = ("increase", "decrease", "any")
ALTERNATIVES: tuple[str, ...] = ("two-sided", "one-sided")

_STANDARD_NORMAL = NormalDist()
MAX_COMPUTED_ANALYSES = 50  # as contractlint.sequential: more looks is continuous monitoring

# How far above a whole number a computed sample size may be and still count as
# that number: float noise in the quantiles and square roots must not add a unit.
# Absolute for small sizes, relative for large ones (noise grows with the size).
_ROUNDING_SLACK = 1e-9
_RELATIVE_ROUNDING_SLACK = 1e-12


class DesignError(ValueError):
    """The experiment design makes the sample size formula meaningless."""


class Design(NamedTuple):
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
    # v2 factors: CUPED's correlation; the sequential method (normalized: see
    # normalized_method), the number of equally spaced analyses, and the plan's own
    # inflation factor for methods this module does not compute.
    correlation: float | None = None
    sequential_method: str | None = None
    analyses: int = 1
    inflation_factor: float | None = None


class Factor(NamedTuple):
    """One multiplier of the required n: what it is, its value, and a phrase for messages."""

    kind: str  # "cuped", "obrien_fleming", "pocock" or "inflation_factor"
    value: float
    description: str
    short: str = ""  # for a one-line message: "CUPED x0.75", "Pocock(3) x1.1664"


def normalized_method(method: object) -> str | None:
    """A sequential method as compared here: lower case, ``-``, spaces and ``'`` folded
    (``O'Brien-Fleming`` is ``obrien_fleming``); None for a non-string."""
    if not isinstance(method, str):
        return None
    folded = method.strip().lower().replace("'", "").replace("-", "_").replace(" ", "_")
    return {"obf": "obrien_fleming", "o_brien_fleming": "obrien_fleming"}.get(folded, folded)


def plan_adjustments(value: Mapping[str, Any]) -> dict[str, Any]:
    """The v2 factors an ``experiment-plan`` declares, as fields of :class:`Design`: CUPED's
    correlation (``variance_reduction: {method: cuped, correlation: rho}``), and for a
    ``sequential`` plan its normalized method, ``interim_looks + 1`` analyses and its
    ``inflation_factor``. Fields that are absent or not numbers are left out (the schema
    reports a wrong type)."""
    fields: dict[str, Any] = {}
    reduction = value.get("variance_reduction")
    if isinstance(reduction, Mapping):
        method: Any = reduction.get("method")
        rho: Any = reduction.get("correlation")
        if isinstance(method, str) and method.strip().lower() == "cuped" and _is_number(rho):
            fields["correlation"] = float(rho)
    if value.get("stopping_rule") == "sequential":
        fields["sequential_method"] = normalized_method(value.get("sequential_method"))
        looks: Any = value.get("interim_looks")
        if _is_number(looks) and looks == int(looks) and looks >= 0:
            fields["analyses"] = int(looks) + 1
        factor: Any = value.get("inflation_factor")
        if _is_number(factor):
            fields["inflation_factor"] = float(factor)
    return fields


def _is_number(value: object) -> bool:
    """A finite int or float, but not a bool (YAML's ``yes`` is not a number)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


# The last design found usable: a rule asks several questions of one design in a row,
# and each function checks its design first (a design is immutable, so "the same
# object" is "the same answer").
_usable: list[Design] = []


def _check_fields(design: Design) -> None:
    """Raise :class:`DesignError` unless every field has a usable value."""
    if _usable and _usable[0] is design:
        return
    _check_all_fields(design)
    _usable[:] = [design]


def _check_all_fields(design: Design) -> None:
    if design.metric_type not in METRIC_TYPES:
        raise DesignError(
            f"metric type must be 'proportion', 'mean' or 'ratio', not {design.metric_type!r}"
        )
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
    if design.metric_type != "proportion" and not (
        design.std_dev is not None and _is_number(design.std_dev) and design.std_dev > 0
    ):
        raise DesignError(
            f"a {design.metric_type} metric needs a positive finite std_dev, not {design.std_dev!r}"
        )
    for name, level in (("alpha", design.alpha), ("power", design.power)):
        if not (_is_number(level) and 0 < level < 1):
            raise DesignError(f"{name} must be strictly between 0 and 1, not {level!r}")
    if isinstance(design.arms, bool) or not isinstance(design.arms, int) or design.arms < 2:
        raise DesignError(f"arms must be a whole number of at least 2, not {design.arms!r}")
    if design.correction is not None and not isinstance(design.correction, str):
        raise DesignError(f"correction must be a string, not {design.correction!r}")
    if design.correlation is not None and not (
        _is_number(design.correlation) and -1 < design.correlation < 1
    ):
        raise DesignError(
            f"the CUPED correlation must be strictly between -1 and 1, not {design.correlation!r}"
        )
    if (
        isinstance(design.analyses, bool)
        or not isinstance(design.analyses, int)
        or design.analyses < 1
    ):
        raise DesignError(
            f"the number of analyses must be a whole number of at least 1, not {design.analyses!r}"
        )
    if design.inflation_factor is not None and not (
        _is_number(design.inflation_factor) and design.inflation_factor >= 1
    ):
        raise DesignError(
            f"inflation_factor must be a number of at least 1, not {design.inflation_factor!r}"
        )


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
        if not design.relative > 0:
            raise DesignError(
                f"the minimum detectable effect must be positive, not {design.relative!r}"
                " (relative; the direction says which way)"
            )
        # The size of the change: a mean below 0 (a net margin of -5) moves by 2% of 5.
        delta = abs(float(design.baseline) * float(design.relative))
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
    factors(design)


def _two_sided(design: Design) -> bool:
    return design.alternative == "two-sided"


def _factors(design: Design, alpha: float, two_sided: bool) -> tuple[Factor, ...]:
    """The factors of a test at ``alpha`` (one- or two-sided) under ``design``'s plan."""
    found: list[Factor] = []
    if design.correlation is not None and design.correlation != 0:
        rho = float(design.correlation)
        factor = 1 - rho * rho
        found.append(
            Factor(
                "cuped",
                factor,
                f"CUPED (correlation {rho:g}) x {factor:.4g}",
                f"CUPED x{factor:.4g}",
            )
        )
    method = design.sequential_method
    if method is not None and computes_cost(method, design.analyses) and design.analyses > 1:
        from contractlint import sequential  # imported only for a group-sequential plan

        try:
            value = sequential.inflation_factor(
                method, design.analyses, alpha, float(design.power), two_sided
            )
        except sequential.SequentialError as exc:
            raise DesignError(str(exc)) from None
        label = "O'Brien-Fleming" if method == "obrien_fleming" else "Pocock"
        found.append(
            Factor(
                method,
                value,
                f"{label} with {design.analyses} analyses x {value:.4f}",
                f"{label}({design.analyses}) x{value:.4f}",
            )
        )
    elif (
        method is not None
        and not computes_cost(method, design.analyses)
        and design.inflation_factor is not None
    ):
        value = float(design.inflation_factor)
        found.append(
            Factor(
                "inflation_factor",
                value,
                f"{method} (the plan's inflation_factor) x {value:g}",
                f"{method[:16]} x{value:g}",
            )
        )
    return tuple(found)


def level(value: float) -> str:
    """A level (alpha, power) as a message writes it: ``0.8``, never rounded to a level
    it is not (``0.9999999`` with ``:g`` would read ``1``)."""
    shown = f"{value:g}"
    return shown if float(shown) == value else f"{value:.12g}"


def computes_cost(method: str | None, analyses: object) -> bool:
    """Whether contractlint computes what ``method`` with ``analyses`` analyses costs
    (O'Brien-Fleming and Pocock, up to 50 analyses); for any other design the plan's
    own ``inflation_factor`` says it (CL314 asks for one). More analyses than that is
    continuous monitoring, which boundaries for equally spaced looks do not describe."""
    return (
        method in COMPUTED_SEQUENTIAL_METHODS
        and isinstance(analyses, int)
        and not isinstance(analyses, bool)
        and analyses <= MAX_COMPUTED_ANALYSES
    )


def factors(design: Design) -> tuple[Factor, ...]:
    """The factors that multiply the primary metric's required n, in the order applied."""
    _check_fields(design)
    return _factors(design, effective_alpha(design), _two_sided(design))


def _product(applied: tuple[Factor, ...]) -> float:
    return math.prod(f.value for f in applied)


def fixed_per_arm_exact(design: Design) -> float:
    """The sample size per arm of SPEC 1.2 before any factor and before rounding up."""
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


def required_per_arm_exact(design: Design) -> float:
    """The sample size per arm of SPEC 1.2, times every factor, before rounding up."""
    return fixed_per_arm_exact(design) * _product(factors(design))


def _round_up(value: float) -> int:
    """``math.ceil`` that does not add a unit for float noise just above an integer."""
    nearest = round(value)
    if abs(value - nearest) <= max(_ROUNDING_SLACK, _RELATIVE_ROUNDING_SLACK * abs(value)):
        return int(nearest)
    return math.ceil(value)


def required_per_arm(design: Design) -> int:
    """The required number of units per arm (SPEC 1.2), rounded up, at least 1."""
    return max(1, _round_up(required_per_arm_exact(design)))


def _check_per_arm(per_arm: float) -> None:
    if not _is_number(per_arm) or per_arm < 0:
        raise DesignError(f"per_arm must be a non-negative number, not {per_arm!r}")


def _power_from_drift(
    design: Design,
    applied: tuple[Factor, ...],
    alpha: float,
    two_sided: bool,
    drift_at: Callable[[float], float],
    units: float,
) -> float:
    """The power of the test with ``units`` per arm (after CUPED), where ``drift_at(n)`` is
    the mean of a fixed-horizon z-statistic on ``n`` units per arm.

    A sequential design needs ``R`` times a fixed test's units for the same power, so its
    drift is ``sqrt(R) drift_at(units / R)``: a computed design's power is then its chance
    of crossing the upper boundary at that drift (exactly the target at the required n,
    which is ``R`` times the fixed one); a plan's own factor, whose boundaries are unknown,
    is a fixed test on ``units / R``."""
    z_alpha = _STANDARD_NORMAL.inv_cdf(1 - (alpha / 2 if two_sided else alpha))
    for factor in applied:
        if factor.kind in COMPUTED_SEQUENTIAL_METHODS:
            from contractlint import sequential

            drift = math.sqrt(factor.value) * drift_at(units / factor.value)
            return sequential.power_at_drift(factor.kind, design.analyses, alpha, drift, two_sided)
        if factor.kind == "inflation_factor":
            return _STANDARD_NORMAL.cdf(drift_at(units / factor.value) - z_alpha)
    return _STANDARD_NORMAL.cdf(drift_at(units) - z_alpha)


def _cuped(applied: tuple[Factor, ...]) -> float:
    return math.prod(f.value for f in applied if f.kind == "cuped")


def achieved_power(design: Design, per_arm: float) -> float:
    """The power that ``per_arm`` units per arm reach under the SPEC 1.2 formula.

    For a fixed-horizon plan it is the formula solved for ``z_{1-b}``, then
    ``Phi(z_{1-b})``:
    ``z_b = (sqrt(n) delta - z_a sqrt(2 p_bar (1 - p_bar))) / sqrt(p1 (1-p1) + p2 (1-p2))``
    for a proportion and ``z_b = sqrt(n) delta / (std_dev sqrt(2)) - z_a`` for a
    mean, with ``n`` the units left after CUPED (``per_arm / (1 - rho^2)``). For a
    sequential design, see :func:`_power_from_drift`. The ``power`` field of ``design``
    is not used but for the factors.
    """
    _check_per_arm(per_arm)
    delta = effect(design)
    std_null, std_alt = _std_null_alt(design, delta)
    applied = factors(design)
    z_alpha = _z_alpha(design)

    def drift_at(units: float) -> float:  # z_a + z_b of SPEC 1.2's formula
        return (math.sqrt(units) * delta - z_alpha * std_null) / std_alt + z_alpha

    units = per_arm / _cuped(applied)
    alpha = effective_alpha(design)
    return _power_from_drift(design, applied, alpha, _two_sided(design), drift_at, units)


def _bisect(f: Callable[[float], bool], lo: float, hi: float) -> float:
    """The smallest x in [lo, hi] (to 1e-12 relative) with ``f(x)`` true, f monotone."""
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(mid):
            hi = mid
        else:
            lo = mid
        if hi - lo <= 1e-12 * hi:
            break
    return hi


def detectable_effect(design: Design, per_arm: float) -> float | None:
    """The smallest absolute effect that ``per_arm`` units per arm detect with the
    design's power (same direction and test as the design); None when no effect the
    metric allows is large enough (a proportion cannot pass 0 or 1)."""
    _check_per_arm(per_arm)
    validate(design)
    if design.metric_type == "proportion":
        p1 = float(design.baseline)
        top = (p1 if design.direction == "decrease" else 1 - p1) * (1 - 1e-9)
    else:
        top = float(design.std_dev or 1.0) * 1e6

    def reaches(delta: float) -> bool:
        trial = design._replace(relative=None, absolute=delta)
        return achieved_power(trial, per_arm) >= float(design.power)

    if per_arm <= 0 or not reaches(top):
        return None
    return _bisect(reaches, 0.0, top)


def power_curve(design: Design, per_arm: float, points: int = 41) -> list[tuple[float, float]]:
    """(true absolute effect, power) at ``points`` effects from 0 to twice the MDE (or to
    the edge a proportion allows)."""
    _check_per_arm(per_arm)
    delta = effect(design)
    top = 2 * delta
    if design.metric_type == "proportion":
        p1 = float(design.baseline)
        top = min(top, (p1 if design.direction == "decrease" else 1 - p1) * (1 - 1e-9))
    curve: list[tuple[float, float]] = []
    for i in range(points):
        x = top * i / (points - 1)
        if x == 0:
            # No effect: the test rejects (in the expected direction) at its level.
            alpha = effective_alpha(design)
            level = alpha / 2 if _two_sided(design) else alpha
            if any(f.kind in COMPUTED_SEQUENTIAL_METHODS for f in factors(design)):
                level = _power_from_drift(
                    design, factors(design), alpha, _two_sided(design), lambda _: 0.0, 1.0
                )
            curve.append((0.0, level))
            continue
        curve.append((x, achieved_power(design._replace(relative=None, absolute=x), per_arm)))
    return curve


def ship_probability(design: Design, per_arm: float, threshold: float) -> float:
    """The chance that a true effect of exactly the MDE ships under a decision rule that
    needs the observed effect (absolute, in the expected direction) to reach
    ``threshold`` and to be significant at the design's level: with the observed
    difference ``d ~ N(delta, sigma_alt^2 / n)`` (``n`` after CUPED), it is
    ``1 - Phi((max(threshold, z_a sigma_null / sqrt(n)) - delta) / (sigma_alt / sqrt(n)))``.
    A fixed-horizon analysis; a sequential design's early stops are not modelled."""
    _check_per_arm(per_arm)
    if per_arm <= 0:
        return 0.0
    delta = effect(design)
    std_null, std_alt = _std_null_alt(design, delta)
    units = per_arm / _cuped(factors(design))
    bar = max(float(threshold), _z_alpha(design) * std_null / math.sqrt(units))
    return 1 - _STANDARD_NORMAL.cdf((bar - delta) / (std_alt / math.sqrt(units)))


def days_needed(per_arm: float, arms: int, daily_units: float, allocation: float = 1.0) -> int:
    """Whole days for ``arms * per_arm`` units at ``daily_units * allocation`` a day."""
    if not (_is_number(daily_units) and daily_units > 0):
        raise DesignError(f"daily units must be a positive number, not {daily_units!r}")
    if not (_is_number(allocation) and 0 < allocation <= 1):
        raise DesignError(f"allocation must be above 0 and at most 1, not {allocation!r}")
    return max(1, _round_up(arms * per_arm / (daily_units * allocation)))


# --- guardrails: non-inferiority ---------------------------------------------------------------


def _noninferiority(design: Design) -> tuple[float, float, tuple[Factor, ...]]:
    """(sigma, margin, factors) of a guardrail's non-inferiority test. ``design`` holds the
    guardrail: its type, baseline and std_dev, ``relative`` = ``max_regression``, the
    plan's alpha, power and factors; the test is one-sided whatever ``alternative``."""
    _check_fields(design)
    regression = design.relative
    if not (_is_number(regression) and regression is not None and regression > 0):
        raise DesignError(f"max_regression must be a positive number, not {regression!r}")
    baseline = float(design.baseline)
    if design.metric_type == "proportion":
        sigma = math.sqrt(baseline * (1 - baseline))
    else:
        assert design.std_dev is not None  # checked by _check_fields
        sigma = float(design.std_dev)
    margin = abs(baseline) * float(regression)
    if not margin > 0:
        raise DesignError(f"a baseline of {baseline!r} gives no margin to test against")
    return sigma, margin, _factors(design, float(design.alpha), two_sided=False)


def noninferiority_factors(design: Design) -> tuple[Factor, ...]:
    """The factors of a guardrail's one-sided test (the sequential one at one-sided alpha)."""
    return _noninferiority(design)[2]


def noninferiority_per_arm_exact(design: Design) -> float:
    """``(z_{1-a} + z_{1-b})^2 * 2 sigma^2 / m^2`` times every factor, before rounding up."""
    sigma, margin, applied = _noninferiority(design)
    z_sum = _STANDARD_NORMAL.inv_cdf(1 - float(design.alpha)) + _STANDARD_NORMAL.inv_cdf(
        float(design.power)
    )
    if z_sum <= 0:
        raise DesignError(f"power {design.power!r} is too low for alpha {design.alpha!r}")
    return z_sum**2 * 2 * sigma**2 / margin**2 * _product(applied)


def noninferiority_per_arm(design: Design) -> int:
    """The guardrail's required n per arm, rounded up, at least 1."""
    return max(1, _round_up(noninferiority_per_arm_exact(design)))


def noninferiority_power(design: Design, per_arm: float, margin: float | None = None) -> float:
    """The power of the guardrail's test with ``per_arm`` units per arm when the
    treatment is truly no worse: ``Phi(sqrt(n) m / (sigma sqrt(2)) - z_{1-a})`` for a
    fixed horizon (``margin`` overrides ``m``)."""
    _check_per_arm(per_arm)
    sigma, m, applied = _noninferiority(design)
    m = m if margin is None else margin

    def drift_at(units: float) -> float:
        return math.sqrt(units) * m / (sigma * math.sqrt(2))

    units = per_arm / _cuped(applied)
    return _power_from_drift(design, applied, float(design.alpha), False, drift_at, units)


def noninferiority_margin(design: Design, per_arm: float) -> float | None:
    """The smallest margin (absolute) that ``per_arm`` units per arm show with the
    design's power; None for no units."""
    _check_per_arm(per_arm)
    sigma, _, _ = _noninferiority(design)
    if per_arm <= 0:
        return None
    return _bisect(
        lambda m: noninferiority_power(design, per_arm, m) >= float(design.power),
        0.0,
        sigma * 100,
    )
