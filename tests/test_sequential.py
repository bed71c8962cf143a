"""Group-sequential boundaries, crossing probabilities and inflation factors
(``contractlint.sequential``), held to the published constants, to SciPy's multivariate
normal and to a simulation with numpy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import multivariate_normal, norm

from contractlint import sequential
from contractlint.sequential import (
    SequentialError,
    boundaries,
    crossing_probabilities,
    drift_for_power,
    inflation_factor,
    peeking_false_positive_rate,
    power_at_drift,
)

# --- published values -----------------------------------------------------------------------

# SPEC 1.2: maximum-sample-size inflation factors at two-sided alpha 0.05 and power 0.8
# (Jennison & Turnbull 2000, tables 2.4 and 2.5 give R_B and R_P).
SPEC_FACTORS = [
    ("obrien_fleming", 2, 1.008),
    ("obrien_fleming", 3, 1.017),
    ("obrien_fleming", 5, 1.028),
    ("pocock", 2, 1.110),
    ("pocock", 3, 1.166),
    ("pocock", 5, 1.228),
]


@pytest.mark.parametrize(("method", "analyses", "published"), SPEC_FACTORS)
def test_inflation_factors_match_the_published_values(
    method: str, analyses: int, published: float
) -> None:
    assert inflation_factor(method, analyses, 0.05, 0.8) == pytest.approx(published, abs=0.005)


# Critical values at two-sided 0.05: Pocock's C_P(K) and O'Brien-Fleming's C_B(K) (the last
# boundary), Jennison & Turnbull 2000, tables 2.1 and 2.3; Pocock 1977.
@pytest.mark.parametrize(
    ("analyses", "pocock", "obrien_fleming"),
    [(2, 2.178, 1.977), (3, 2.289, 2.004), (4, 2.361, 2.024), (5, 2.413, 2.040)],
)
def test_critical_values_match_the_published_tables(
    analyses: int, pocock: float, obrien_fleming: float
) -> None:
    assert boundaries("pocock", analyses, 0.05) == pytest.approx((pocock,) * analyses, abs=0.001)
    obf = boundaries("obrien_fleming", analyses, 0.05)
    assert obf[-1] == pytest.approx(obrien_fleming, abs=0.001)
    # O'Brien-Fleming is constant on the score scale: c_k = C_B sqrt(K / k).
    for k, value in enumerate(obf, start=1):
        assert value == pytest.approx(obf[-1] * math.sqrt(analyses / k), rel=1e-12)


def test_obrien_fleming_five_looks_match_gsdesign() -> None:
    # gsDesign(k = 5, test.type = 2, sfu = "OF", alpha = 0.025) upper bounds.
    expected = (4.562, 3.226, 2.634, 2.281, 2.040)
    assert boundaries("obrien_fleming", 5, 0.05) == pytest.approx(expected, abs=0.001)


# Armitage, McPherson & Rowe 1969: a fixed-horizon test at two-sided 0.05 looked at K times.
@pytest.mark.parametrize(("analyses", "rate"), [(1, 0.05), (2, 0.083), (3, 0.107), (5, 0.142)])
def test_peeking_false_positive_rate_matches_armitage(analyses: int, rate: float) -> None:
    assert peeking_false_positive_rate(analyses, 0.05) == pytest.approx(rate, abs=0.0015)


def test_one_analysis_is_the_fixed_test() -> None:
    assert boundaries("pocock", 1, 0.05) == pytest.approx((norm.ppf(0.975),), abs=1e-9)
    assert inflation_factor("obrien_fleming", 1, 0.05, 0.8) == 1.0
    drift = norm.ppf(0.975) + norm.ppf(0.8)
    assert power_at_drift("pocock", 1, 0.05, drift) == pytest.approx(0.8, abs=1e-9)


# --- scipy's multivariate normal: the same probabilities by another method ------------------


def _covariance(analyses: int) -> np.ndarray:
    """Cov(Z_j, Z_k) = sqrt(t_j / t_k) for j <= k, t_k = k / K."""
    k = np.arange(1, analyses + 1)
    return np.sqrt(np.minimum.outer(k, k) / np.maximum.outer(k, k))


def _continue_probability(bounds: tuple[float, ...], drift: float, two_sided: bool) -> float:
    """P(no boundary is crossed) by scipy's multivariate normal CDF (Genz's algorithm)."""
    analyses = len(bounds)
    mean = drift * np.sqrt(np.arange(1, analyses + 1) / analyses)
    upper = np.array(bounds)
    lower = -upper if two_sided else np.full(analyses, -np.inf)
    value = multivariate_normal.cdf(
        upper,
        mean=mean,
        cov=_covariance(analyses),
        lower_limit=lower,
        maxpts=200_000,
        abseps=2e-6,
        releps=0,
    )
    return float(value)


@pytest.mark.parametrize("method", ["obrien_fleming", "pocock"])
@pytest.mark.parametrize("analyses", [2, 4])
@pytest.mark.parametrize(("alpha", "two_sided"), [(0.05, True), (0.01, True), (0.025, False)])
def test_boundaries_hold_the_level_by_scipy(
    method: str, analyses: int, alpha: float, two_sided: bool
) -> None:
    bounds = boundaries(method, analyses, alpha, two_sided)
    assert 1 - _continue_probability(bounds, 0.0, two_sided) == pytest.approx(alpha, abs=2e-5)


@pytest.mark.parametrize("method", ["obrien_fleming", "pocock"])
@pytest.mark.parametrize("analyses", [2, 3, 5])
def test_power_at_the_inflated_drift_by_scipy(method: str, analyses: int) -> None:
    drift = drift_for_power(method, analyses, 0.05, 0.8)
    bounds = boundaries(method, analyses, 0.05)
    # The lower boundary is out of reach at this drift: P(reject) is the upper crossing.
    assert 1 - _continue_probability(bounds, drift, True) == pytest.approx(0.8, abs=1e-4)
    fixed = norm.ppf(0.975) + norm.ppf(0.8)
    assert (drift / fixed) ** 2 == pytest.approx(inflation_factor(method, analyses, 0.05, 0.8))


@pytest.mark.parametrize("drift", [0.0, 1.0, 2.8, -1.5])
def test_crossing_probabilities_agree_with_scipy_for_any_boundary(drift: float) -> None:
    bounds = (2.9, 2.3, 2.1, 2.0)
    upper, lower = crossing_probabilities(bounds, drift)
    assert upper + lower == pytest.approx(1 - _continue_probability(bounds, drift, True), abs=2e-5)
    upper_only, none = crossing_probabilities(bounds, drift, two_sided=False)
    assert none == 0.0
    assert upper_only == pytest.approx(1 - _continue_probability(bounds, drift, False), abs=2e-5)


def test_peeking_rate_agrees_with_scipy() -> None:
    z = norm.ppf(0.975)
    for analyses in (2, 3, 4):
        expected = 1 - _continue_probability((z,) * analyses, 0.0, True)
        assert peeking_false_positive_rate(analyses, 0.05) == pytest.approx(expected, abs=2e-5)


@pytest.mark.parametrize(
    ("bounds", "drift"),
    [
        ((2.9, 2.3, 2.1, 2.0), 0.0),
        ((2.9, 2.3, 2.1, 2.0), 2.8),
        ((4.562, 3.226, 2.634, 2.281, 2.040), 2.9),
        ((2.413,) * 5, 1.0),
    ],
)
def test_the_grid_has_converged(
    monkeypatch: pytest.MonkeyPatch, bounds: tuple[float, ...], drift: float
) -> None:
    """Simpson's rule on the r = 16 grid agrees with a grid five times finer."""
    coarse = crossing_probabilities(bounds, drift)
    monkeypatch.setattr(sequential, "_UNIT_GRID", sequential._unit_grid(80))
    fine = crossing_probabilities(bounds, drift)
    assert coarse == pytest.approx(fine, abs=5e-7)


# --- simulation --------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["obrien_fleming", "pocock"])
def test_simulated_level_and_power(method: str) -> None:
    """Brownian paths observed at 3 equally spaced looks: the design rejects a true null
    at rate alpha, and reaches the target power at the inflated drift."""
    rng = np.random.default_rng(20261204)
    analyses, paths = 3, 200_000
    bounds = np.array(boundaries(method, analyses, 0.05))
    scores = np.cumsum(rng.standard_normal((paths, analyses)), axis=1)
    z_null = scores / np.sqrt(np.arange(1, analyses + 1))
    level = np.mean(np.any(np.abs(z_null) >= bounds, axis=1))
    assert level == pytest.approx(0.05, abs=0.003)
    eta = drift_for_power(method, analyses, 0.05, 0.8) / math.sqrt(analyses)
    z_alt = (scores + eta * np.arange(1, analyses + 1)) / np.sqrt(np.arange(1, analyses + 1))
    crossed = z_alt >= bounds
    assert np.mean(np.any(crossed, axis=1)) == pytest.approx(0.8, abs=0.005)


# --- errors and caching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("haybittle", 3, 0.05), "unknown"),
        (("pocock", 0, 0.05), "at least 1"),
        (("pocock", sequential.MAX_ANALYSES + 1, 0.05), "at most"),
        (("pocock", 3, 1.0), "alpha"),
        (("pocock", 3, 0.0), "alpha"),
    ],
)
def test_bad_designs_raise(args: tuple[str, int, float], message: str) -> None:
    with pytest.raises(SequentialError, match=message):
        boundaries(*args)


def test_inflation_needs_a_power_in_range() -> None:
    with pytest.raises(SequentialError, match="power"):
        inflation_factor("pocock", 3, 0.05, 1.0)


def test_levels_and_power_change_the_factor() -> None:
    """Computed at the plan's alpha and power, not read from the 0.05 / 0.8 table."""
    base = inflation_factor("pocock", 3, 0.05, 0.8)
    assert inflation_factor("pocock", 3, 0.01, 0.8) != pytest.approx(base, abs=0.005)
    assert inflation_factor("pocock", 3, 0.05, 0.9) != pytest.approx(base, abs=0.005)
