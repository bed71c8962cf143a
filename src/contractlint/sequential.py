"""Group-sequential designs: boundaries, crossing probabilities and the sample-size cost.

This module is pure (no I/O) and needs only :mod:`math`. It answers three questions
for ``K`` equally spaced analyses of a z-test (SPEC 1.2, rules CL302, CL306, CL311):

- :func:`boundaries`: the critical values of an O'Brien-Fleming or a Pocock design
  whose probability of ever rejecting under the null is exactly ``alpha``;
- :func:`inflation_factor`: how much larger the maximum sample size of that design
  must be than a fixed-horizon test's to keep the same power
  (``R = (theta_max / theta_fixed)^2``, Jennison & Turnbull 2000, tables 2.1-2.4);
- :func:`peeking_false_positive_rate`: the real level of a fixed-horizon test looked at
  ``K`` times at its nominal critical value (Armitage, McPherson & Rowe 1969).

The method
----------
At analysis ``k`` of ``K`` the information is ``I_k = k`` (equal spacing, in units of one
analysis' worth of data) and the score statistic ``S_k = Z_k sqrt(I_k)`` is a Gaussian
random walk: its increments ``S_k - S_{k-1}`` are independent ``N(eta, 1)`` with
``eta = theta / sqrt(K)``, where ``theta`` is the mean of the final ``Z_K`` (the *drift*).
A design stops at the first ``k`` with ``|Z_k| >= c_k`` (two-sided; ``Z_k >= c_k``
one-sided). The sub-density of ``S_k`` on the paths that have not stopped yet obeys

    g_1(s) = phi(s - eta)
    g_k(s) = integral over the continuation region C_{k-1} of g_{k-1}(u) phi(s - u - eta) du

and the probability of stopping at ``k`` through the upper boundary is the integral of
``g_{k-1}(u) (1 - Phi(c_k sqrt(k) - u - eta))`` over ``C_{k-1}`` (Armitage, McPherson &
Rowe 1969; Jennison & Turnbull 2000, chapter 19). The normal tails are exact
(``math.erfc``); only the integrals over ``C_{k-1}`` are numerical.

The integrals use composite Simpson's rule on the grid Jennison & Turnbull recommend
(section 19.2): ``6r - 1`` points per analysis, centred on the mean of ``S_k`` and
spread in units of its standard deviation, evenly spaced within 3 of the mean and
logarithmically farther out (to about ``3 + 4 log r``), cut at the boundaries, with
each interval's midpoint added. With ``r = 16`` the probabilities are within a few
1e-7 of a grid five times finer, far below what a sample size needs;
``tests/test_sequential.py`` holds them to that finer grid, to SciPy's multivariate normal
and to the published constants.

Boundaries and drifts are found by a bracketed root search (Illinois' variant of
regula falsi), the values cached per design: a run computes each one once.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from statistics import NormalDist

__all__ = [
    "METHODS",
    "SequentialError",
    "boundaries",
    "crossing_probabilities",
    "drift_for_power",
    "inflation_factor",
    "peeking_false_positive_rate",
    "power_at_drift",
]

# The designs whose boundaries (hence sample-size cost) this module computes.
METHODS: tuple[str, ...] = ("obrien_fleming", "pocock")
MAX_ANALYSES = 50  # beyond this a plan is continuous monitoring, not a group-sequential design

_GRID_R = 16  # Jennison & Turnbull's grid parameter: 6r - 1 points per analysis
_SQRT_2PI = math.sqrt(2 * math.pi)
_SQRT_2 = math.sqrt(2)
_STANDARD_NORMAL = NormalDist()


def _unit_grid(r: int) -> tuple[float, ...]:
    """Jennison & Turnbull's grid (eq. 19.2) in units of standard deviations: ``r - 1``
    log-spaced points in each tail, ``4r + 1`` evenly spaced within 3 of the mean."""
    return tuple(
        [-3 - 4 * math.log(r / i) for i in range(1, r)]
        + [-3 + 3 * (i - r) / (2 * r) for i in range(r, 5 * r + 1)]
        + [3 + 4 * math.log(r / (6 * r - i)) for i in range(5 * r + 1, 6 * r)]
    )


# Scaled and shifted to each analysis' mean and deviation.
_UNIT_GRID = _unit_grid(_GRID_R)


class SequentialError(ValueError):
    """A design this module cannot compute (unknown method, no analyses, bad level)."""


def _upper_tail(x: float) -> float:
    """``1 - Phi(x)`` without cancellation in the far tail."""
    return 0.5 * math.erfc(x / _SQRT_2)


def _simpson_grid(mean: float, sd: float, lo: float, hi: float) -> tuple[list[float], list[float]]:
    """Nodes and weights of composite Simpson's rule over ``(lo, hi)`` for a density with
    this mean and deviation; empty when the region is out of the grid's reach."""
    points = [mean + sd * u for u in _UNIT_GRID]
    start, end = max(lo, points[0]), min(hi, points[-1])
    if not start < end:
        return [], []
    knots = [start, *(x for x in points if start < x < end), end]
    nodes: list[float] = [start]
    weights: list[float] = [0.0]
    for a, b in zip(knots, knots[1:]):
        step = (b - a) / 6
        weights[-1] += step
        nodes += [(a + b) / 2, b]
        weights += [4 * step, step]
    return nodes, weights


def crossing_probabilities(
    bounds: Sequence[float], drift: float, two_sided: bool = True
) -> tuple[float, float]:
    """(P(stop through the upper boundary), P(stop through the lower one)) of a design
    with critical values ``bounds`` (on the z scale, one per equally spaced analysis)
    when the final z-statistic has mean ``drift``. One-sided designs have no lower
    boundary (its probability is 0)."""
    analyses = len(bounds)
    if analyses < 1:
        raise SequentialError("a design needs at least one analysis")
    eta = drift / math.sqrt(analyses)  # the mean of each score increment
    upper = _upper_tail(bounds[0] - eta)
    lower = _upper_tail(bounds[0] + eta) if two_sided else 0.0
    # The sub-density of S_1 on the continuation region, times the Simpson weights.
    hi = bounds[0]
    nodes, weights = _simpson_grid(eta, 1.0, -hi if two_sided else -math.inf, hi)
    mass = [w * math.exp(-0.5 * (x - eta) ** 2) / _SQRT_2PI for x, w in zip(nodes, weights)]
    for k in range(2, analyses + 1):
        edge = bounds[k - 1] * math.sqrt(k)  # the boundary on the score scale
        shifted = [x + eta for x in nodes]  # the mean of S_k given S_{k-1} = x
        upper += sum(m * _upper_tail(edge - s) for m, s in zip(mass, shifted))
        if two_sided:
            lower += sum(m * _upper_tail(edge + s) for m, s in zip(mass, shifted))
        if k == analyses:
            break
        new_nodes, new_weights = _simpson_grid(
            eta * k, math.sqrt(k), -edge if two_sided else -math.inf, edge
        )
        exp = math.exp
        # The convolution with the N(eta, 1) increment, written out: O(nodes^2) a step.
        new_mass = [
            w * sum(m * exp(-0.5 * (y - s) ** 2) for m, s in zip(mass, shifted)) / _SQRT_2PI
            for y, w in zip(new_nodes, new_weights)
        ]
        nodes, mass = new_nodes, new_mass
    return min(upper, 1.0), min(lower, 1.0)


def _solve(f: Callable[[float], float], lo: float, hi: float, tol: float = 1e-10) -> float:
    """A root of the increasing or decreasing ``f`` in ``[lo, hi]`` (Illinois' method:
    regula falsi that halves the stale end's value, so it converges superlinearly and
    never leaves the bracket)."""
    f_lo, f_hi = f(lo), f(hi)
    if f_lo == 0:
        return lo
    if f_hi == 0:
        return hi
    if (f_lo > 0) == (f_hi > 0):
        raise SequentialError("no root in the bracket")
    side = 0
    for _ in range(200):
        x = (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        f_x = f(x)
        if f_x == 0 or hi - lo < tol:
            return x
        if (f_x > 0) == (f_hi > 0):
            hi, f_hi = x, f_x
            if side == -1:
                f_lo /= 2
            side = -1
        else:
            lo, f_lo = x, f_x
            if side == 1:
                f_hi /= 2
            side = 1
        if abs(hi - lo) < tol:
            break
    return (lo + hi) / 2


def _shape(method: str, analyses: int) -> tuple[float, ...]:
    """The boundary's shape: each critical value is ``c`` times this."""
    if method == "pocock":  # the same nominal level at every look
        return (1.0,) * analyses
    # O'Brien-Fleming: constant on the score scale, so c_k = c sqrt(K / k).
    return tuple(math.sqrt(analyses / k) for k in range(1, analyses + 1))


def _check(method: str | None, analyses: int, alpha: float, power: float | None = None) -> None:
    if method is not None and method not in METHODS:
        raise SequentialError(f"unknown group-sequential method {method!r}")
    if isinstance(analyses, bool) or not isinstance(analyses, int) or analyses < 1:
        raise SequentialError(f"the number of analyses must be at least 1, not {analyses!r}")
    if analyses > MAX_ANALYSES:
        raise SequentialError(f"at most {MAX_ANALYSES} analyses, not {analyses}")
    if not 0 < alpha < 1:
        raise SequentialError(f"alpha must be strictly between 0 and 1, not {alpha!r}")
    if power is not None and not 0 < power < 1:
        raise SequentialError(f"power must be strictly between 0 and 1, not {power!r}")


@functools.lru_cache(maxsize=256)
def boundaries(
    method: str, analyses: int, alpha: float, two_sided: bool = True
) -> tuple[float, ...]:
    """The z-scale critical values of ``method`` for ``analyses`` equally spaced looks,
    with total level ``alpha`` (two-sided: the chance of crossing either boundary under
    the null; one-sided: the upper one)."""
    _check(method, analyses, alpha)
    shape = _shape(method, analyses)

    def excess(c: float) -> float:
        upper, lower = crossing_probabilities([c * s for s in shape], 0.0, two_sided)
        return upper + lower - alpha

    fixed = _STANDARD_NORMAL.inv_cdf(1 - (alpha / 2 if two_sided else alpha))
    # Looking more often never lowers the critical value below the fixed test's, and a
    # Bonferroni split over the looks is always conservative: c lies between the two.
    bonferroni = _STANDARD_NORMAL.inv_cdf(1 - (alpha / 2 if two_sided else alpha) / analyses)
    c = _solve(excess, fixed / max(shape) - 1e-9, bonferroni + 1e-9)
    return tuple(c * s for s in shape)


def power_at_drift(
    method: str, analyses: int, alpha: float, drift: float, two_sided: bool = True
) -> float:
    """The power of the design (the chance of rejecting through the upper boundary, the
    direction of a positive drift) when the final z-statistic has mean ``drift``."""
    bounds = boundaries(method, analyses, alpha, two_sided)
    upper, _ = crossing_probabilities(bounds, drift, two_sided)
    return upper


@functools.lru_cache(maxsize=256)
def drift_for_power(
    method: str, analyses: int, alpha: float, power: float, two_sided: bool = True
) -> float:
    """The drift ``theta_max`` at which the design reaches ``power``."""
    _check(method, analyses, alpha, power)
    fixed = _fixed_drift(alpha, power, two_sided)
    return _solve(
        lambda theta: power_at_drift(method, analyses, alpha, theta, two_sided) - power,
        0.5 * fixed,
        3.0 * fixed + 3.0,
    )


def _fixed_drift(alpha: float, power: float, two_sided: bool) -> float:
    """``z_{1-a/2} + z_{1-b}`` (or ``z_{1-a}``): the drift a single analysis needs."""
    tail = alpha / 2 if two_sided else alpha
    return _STANDARD_NORMAL.inv_cdf(1 - tail) + _STANDARD_NORMAL.inv_cdf(power)


@functools.lru_cache(maxsize=256)
def inflation_factor(
    method: str, analyses: int, alpha: float, power: float, two_sided: bool = True
) -> float:
    """The maximum sample size of the design over the fixed-horizon test's at the same
    level and power: ``(theta_max / theta_fixed)^2`` (1 for a single analysis)."""
    _check(method, analyses, alpha, power)
    if analyses == 1:
        return 1.0
    fixed = _fixed_drift(alpha, power, two_sided)
    return (drift_for_power(method, analyses, alpha, power, two_sided) / fixed) ** 2


@functools.lru_cache(maxsize=256)
def peeking_false_positive_rate(analyses: int, alpha: float, two_sided: bool = True) -> float:
    """The chance that a fixed-horizon test, looked at ``analyses`` equally spaced times
    at its nominal critical value and stopped at the first significant look, rejects a
    true null (0.083, 0.107, 0.142 for 2, 3, 5 looks at two-sided 0.05)."""
    _check(None, analyses, alpha)
    fixed = _STANDARD_NORMAL.inv_cdf(1 - (alpha / 2 if two_sided else alpha))
    upper, lower = crossing_probabilities([fixed] * analyses, 0.0, two_sided)
    return upper + lower
