"""Sample size and achieved power of SPEC 1.2 (rule CL302)."""

from __future__ import annotations

import math
import warnings
from statistics import NormalDist
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from statsmodels.stats.power import NormalIndPower, normal_power_het, normal_sample_size_one_tail
from statsmodels.stats.proportion import (
    power_proportions_2indep,
    samplesize_proportions_2indep_onetail,
)

from contractlint.power import (
    Design,
    DesignError,
    Factor,
    achieved_power,
    days_needed,
    detectable_effect,
    effect,
    effective_alpha,
    factors,
    fixed_per_arm_exact,
    noninferiority_margin,
    noninferiority_per_arm,
    noninferiority_per_arm_exact,
    noninferiority_power,
    power_curve,
    required_per_arm,
    required_per_arm_exact,
    ship_probability,
    validate,
)

# Textbook quantiles, for the hand computations below.
Z_975 = 1.959963984540054  # z_{1-0.05/2}
Z_95 = 1.6448536269514722  # z_{1-0.05}
Z_80 = 0.8416212335729143  # z_{0.8}


def proportion(baseline: float, relative: float, **fields: Any) -> Design:
    return Design(metric_type="proportion", baseline=baseline, relative=relative, **fields)


# --- reference values -------------------------------------------------------------------------


# SPEC 1.2 rounds *up*. The unrounded values are 80,077.254..., 70,547.604... and
# 156,972.491..., so the required sizes are 80,078, 70,548 and 156,973 (rounding to the
# nearest unit would give 80,077 and 156,972, which fall just short of power 0.8: see
# test_rounding_up_is_needed). examples/experiment-plan/email-subject.yaml also says 80,078.
@pytest.mark.parametrize(
    ("baseline", "relative", "exact", "required"),
    [
        (0.33, 0.02, 80077.25438762811, 80078),
        (0.20, 0.03, 70547.60444617459, 70548),
        (0.50, 0.01, 156972.49130515585, 156973),
    ],
)
def test_reference_values(baseline: float, relative: float, exact: float, required: int) -> None:
    design = proportion(baseline, relative, alpha=0.05, power=0.8, alternative="two-sided")
    assert required_per_arm_exact(design) == pytest.approx(exact, rel=1e-12)
    assert required_per_arm(design) == required


@pytest.mark.parametrize(
    ("baseline", "relative", "rounded"), [(0.33, 0.02, 80077), (0.50, 0.01, 156972)]
)
def test_rounding_up_is_needed(baseline: float, relative: float, rounded: int) -> None:
    design = proportion(baseline, relative)
    assert achieved_power(design, rounded) < 0.8 <= achieved_power(design, rounded + 1)


def test_80000_per_arm_is_underpowered() -> None:
    design = proportion(0.33, 0.02)
    assert required_per_arm(design) > 80_000
    assert 0.79 < achieved_power(design, 80_000) < 0.8


def test_round_up_ignores_float_noise() -> None:
    # mean, sd 1, delta chosen so that the exact size is 100 up to float noise
    delta = math.sqrt(2 * (Z_975 + Z_80) ** 2 / 100)
    design = Design(metric_type="mean", baseline=0.0, std_dev=1.0, absolute=delta)
    assert required_per_arm_exact(design) == pytest.approx(100, rel=1e-12)
    assert required_per_arm(design) == 100


# --- achieved power inverts the sample size ---------------------------------------------------

alphas = st.floats(0.001, 0.2)
powers = st.floats(0.5, 0.99)
alternatives = st.sampled_from(["two-sided", "one-sided"])
directions = st.sampled_from(["increase", "decrease", "any"])
arms = st.integers(2, 6)
corrections = st.sampled_from([None, "bonferroni", "holm"])


@st.composite
def proportion_designs(draw: st.DrawFn) -> Design:
    baseline = draw(st.floats(0.01, 0.95))
    relative = draw(st.floats(0.005, 0.5))
    direction = draw(directions)
    p2 = baseline * (1 - relative) if direction == "decrease" else baseline * (1 + relative)
    assume(0.001 < p2 < 0.999)
    return proportion(
        baseline,
        relative,
        direction=direction,
        alpha=draw(alphas),
        power=draw(powers),
        alternative=draw(alternatives),
        arms=draw(arms),
        correction=draw(corrections),
    )


@st.composite
def mean_designs(draw: st.DrawFn) -> Design:
    return Design(
        metric_type="mean",
        baseline=draw(st.floats(-100, 100)),
        std_dev=draw(st.floats(0.01, 100)),
        absolute=draw(st.floats(0.001, 50)),
        direction=draw(directions),
        alpha=draw(alphas),
        power=draw(powers),
        alternative=draw(alternatives),
        arms=draw(arms),
        correction=draw(corrections),
    )


designs = st.one_of(proportion_designs(), mean_designs())


@given(designs)
def test_required_n_reaches_the_power_and_one_less_does_not(design: Design) -> None:
    n = required_per_arm(design)
    assert n >= 1
    # rounding forgives 1e-9 units of float noise, hence the tolerance
    assert achieved_power(design, n) >= design.power - 1e-9
    if n > 1:
        assert achieved_power(design, n - 1) < design.power


@given(designs, st.integers(1, 10**7))
def test_underpowered_exactly_when_below_required(design: Design, per_arm: int) -> None:
    required = required_per_arm(design)
    reached = achieved_power(design, per_arm)
    if per_arm < required:
        assert reached < design.power
    else:
        assert reached >= design.power - 1e-9


@given(designs)
def test_achieved_power_grows_with_n(design: Design) -> None:
    n = required_per_arm(design)
    assert achieved_power(design, n) <= achieved_power(design, 2 * n) <= 1.0


# --- options ----------------------------------------------------------------------------------


@given(designs)
def test_one_sided_needs_fewer_units(design: Design) -> None:
    one = design._replace(alternative="one-sided")
    two = design._replace(alternative="two-sided")
    assert required_per_arm_exact(one) < required_per_arm_exact(two)
    assert required_per_arm(one) <= required_per_arm(two)


def test_one_sided_hand_computed() -> None:
    design = Design(
        metric_type="mean", baseline=0.0, std_dev=1.0, absolute=0.5, alternative="one-sided"
    )
    assert required_per_arm_exact(design) == pytest.approx(2 * (Z_95 + Z_80) ** 2 / 0.25, rel=1e-12)
    assert required_per_arm(design) == 50  # 49.46...


def test_bonferroni_three_arms_needs_more_than_two() -> None:
    two = proportion(0.33, 0.02, arms=2, correction="bonferroni")
    three = proportion(0.33, 0.02, arms=3, correction="bonferroni")
    assert required_per_arm(three) > required_per_arm(two) == 80078
    assert required_per_arm(three) == required_per_arm(proportion(0.33, 0.02, alpha=0.025))


@pytest.mark.parametrize(
    ("arms", "correction", "alpha"),
    [
        (2, None, 0.05),
        (2, "bonferroni", 0.05),  # one comparison: nothing to correct
        (3, None, 0.05),  # uncorrected: CL309's business, not the formula's
        (3, "bonferroni", 0.025),
        (5, "bonferroni", 0.0125),
        (5, "Bonferroni", 0.0125),
        (5, "holm", 0.05),  # only bonferroni changes alpha
    ],
)
def test_effective_alpha(arms: int, correction: str | None, alpha: float) -> None:
    design = proportion(0.33, 0.02, arms=arms, correction=correction)
    assert effective_alpha(design) == pytest.approx(alpha, rel=1e-15)


def test_decrease_uses_p1_minus_delta() -> None:
    p1, delta = 0.33, 0.01
    p2 = p1 - delta
    p_bar = (p1 + p2) / 2
    hand = (
        Z_975 * math.sqrt(2 * p_bar * (1 - p_bar)) + Z_80 * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    ) ** 2 / delta**2
    design = Design(metric_type="proportion", baseline=p1, absolute=delta, direction="decrease")
    assert required_per_arm_exact(design) == pytest.approx(hand, rel=1e-12)
    # below 0.5 a decrease moves away from 0.5: less variance, fewer units than an increase
    assert required_per_arm(design) < required_per_arm(design._replace(direction="increase"))


@given(proportion_designs())
def test_decrease_mirrors_increase(design: Design) -> None:
    # p -> 1 - p maps a decrease from p1 onto an increase from 1 - p1
    delta = effect(design)
    down = Design(
        metric_type="proportion", baseline=design.baseline, absolute=delta, direction="decrease"
    )
    up = Design(metric_type="proportion", baseline=1 - design.baseline, absolute=delta)
    assume(design.baseline - delta > 0)
    assert required_per_arm_exact(down) == pytest.approx(required_per_arm_exact(up), rel=1e-9)


def test_any_direction_is_computed_like_increase() -> None:
    design = proportion(0.33, 0.02, direction="any")
    assert required_per_arm(design) == required_per_arm(design._replace(direction="increase"))


# --- means ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("std_dev", "delta", "required"),
    [
        # 2 * 1^2 * (1.959964 + 0.841621)^2 / 0.5^2 = 8 * 7.84888 = 62.79: the textbook 63
        (1.0, 0.5, 63),
        # 2 * 1.2^2 * 7.84888 / 0.05^2 = 1152 * 7.84888 = 9041.91
        (1.2, 0.05, 9042),
        # 2 * 3^2 * 7.84888 / 0.4^2 = 112.5 * 7.84888 = 883.00 (882.9990)
        (3.0, 0.4, 883),
    ],
)
def test_mean_hand_computed(std_dev: float, delta: float, required: int) -> None:
    design = Design(metric_type="mean", baseline=10.0, std_dev=std_dev, absolute=delta)
    hand = 2 * std_dev**2 * (Z_975 + Z_80) ** 2 / delta**2
    assert required_per_arm_exact(design) == pytest.approx(hand, rel=1e-12)
    assert required_per_arm(design) == required


def test_mean_achieved_power_hand_computed() -> None:
    design = Design(metric_type="mean", baseline=10.0, std_dev=1.0, absolute=0.5)
    # z_b = sqrt(50) * 0.5 / sqrt(2) - 1.959964 = 0.540036; Phi(0.540036) = 0.70540
    assert achieved_power(design, 50) == pytest.approx(0.7054, abs=1e-4)


def test_mean_relative_effect_is_relative_to_baseline() -> None:
    relative = Design(metric_type="mean", baseline=10.0, std_dev=1.2, relative=0.005)
    absolute = Design(metric_type="mean", baseline=10.0, std_dev=1.2, absolute=0.05)
    assert effect(relative) == pytest.approx(0.05, rel=1e-12)
    assert required_per_arm(relative) == required_per_arm(absolute) == 9042


# --- absolute vs relative ---------------------------------------------------------------------


def test_effect() -> None:
    assert effect(proportion(0.33, 0.02)) == pytest.approx(0.0066, rel=1e-12)
    assert effect(Design(metric_type="proportion", baseline=0.33, absolute=0.0066)) == 0.0066


@given(proportion_designs())
def test_absolute_and_relative_agree(design: Design) -> None:
    assert design.relative is not None
    absolute = design._replace(relative=None, absolute=design.baseline * design.relative)
    assert effect(absolute) == effect(design)
    assert required_per_arm(absolute) == required_per_arm(design)
    assert achieved_power(absolute, 1000) == achieved_power(design, 1000)


def test_absolute_and_relative_agree_on_the_reference() -> None:
    assert (
        required_per_arm(Design(metric_type="proportion", baseline=0.33, absolute=0.0066)) == 80078
    )


# --- values computed once with statsmodels (always run) ---------------------------------------

# Computed once with statsmodels 0.15.0 (scipy 1.17.1, numpy 2.4.6):
#   statsmodels.stats.proportion.samplesize_proportions_2indep_onetail(
#       diff, prop2, power=0.8, ratio=1, alpha, value=0, alternative)
# whose null and alternative standard deviations are sqrt(2 p_pooled (1 - p_pooled)) and
# sqrt(p1 (1 - p1) + p2 (1 - p2)) with p1 = prop2 + diff: the SPEC 1.2 formula exactly.
# For 'two-sided' it uses alpha / 2 in one tail, like SPEC 1.2. A decrease is diff < 0.
STATSMODELS_PROPORTION_SIZES = [
    # (design, (diff, prop2, alpha, alternative), statsmodels' value)
    (proportion(0.33, 0.02), (0.33 * 0.02, 0.33, 0.05, "two-sided"), 80077.25438762814),
    (proportion(0.20, 0.03), (0.20 * 0.03, 0.20, 0.05, "two-sided"), 70547.60444617462),
    (proportion(0.50, 0.01), (0.50 * 0.01, 0.50, 0.05, "two-sided"), 156972.49130515597),
    (
        Design(metric_type="proportion", baseline=0.08, absolute=0.01, direction="decrease"),
        (-0.01, 0.08, 0.05, "two-sided"),
        10889.141620288427,
    ),
    (
        proportion(0.33, 0.02, alternative="one-sided"),
        (0.33 * 0.02, 0.33, 0.05, "larger"),
        63076.68116640057,
    ),
    (
        proportion(0.33, 0.02, arms=3, correction="bonferroni"),
        (0.33 * 0.02, 0.33, 0.025, "two-sided"),
        96974.12804351607,
    ),
]


@pytest.mark.parametrize(("design", "arguments", "value"), STATSMODELS_PROPORTION_SIZES)
def test_statsmodels_recorded_proportion_sizes(
    design: Design, arguments: object, value: float
) -> None:
    assert required_per_arm_exact(design) == pytest.approx(value, rel=1e-12)


def test_statsmodels_recorded_values() -> None:
    design = proportion(0.33, 0.02)
    # power_proportions_2indep(0.33 * 0.02, 0.33, 80000, ratio=1, alpha=0.025, value=0,
    #                          alternative="larger").power: one tail at alpha / 2
    assert achieved_power(design, 80000) == pytest.approx(0.7996213430360932, rel=1e-12)
    # the same with alpha=0.05, alternative="two-sided" adds the far tail (~1e-6)
    assert achieved_power(design, 80000) == pytest.approx(0.799622309594272, abs=2e-6)
    mean = Design(metric_type="mean", baseline=10.0, std_dev=1.2, absolute=0.05)
    # statsmodels.stats.power.normal_sample_size_one_tail(0.05, 0.8, 0.025, std_null=1.2 * sqrt(2))
    assert required_per_arm_exact(mean) == pytest.approx(9041.909453970153, rel=1e-12)
    # NormalIndPower().solve_power(effect_size=0.05 / 1.2, nobs1=None, alpha=0.05, power=0.8,
    # ratio=1, alternative="two-sided"): 0.022 units fewer, as its power counts the far tail
    assert required_per_arm_exact(mean) == pytest.approx(9041.887306743973, rel=1e-5)
    assert required_per_arm(mean) == math.ceil(9041.887306743973)
    # NormalIndPower().solve_power(effect_size=0.5, nobs1=None, alpha=0.05, power=0.8, ratio=1,
    # alternative="two-sided")
    textbook = Design(metric_type="mean", baseline=0.0, std_dev=1.0, absolute=0.5)
    assert required_per_arm_exact(textbook) == pytest.approx(62.79088416571135, rel=1e-4)
    # NormalIndPower().power(effect_size=0.05 / 1.2, nobs1=8000, alpha=0.025, ratio=1,
    # alternative="larger")
    assert achieved_power(mean, 8000) == pytest.approx(0.750247053728162, rel=1e-12)


# --- statsmodels, live (skipped without it) ---------------------------------------------------


def _statsmodels_arguments(design: Design) -> tuple[float, float, float, str]:
    """``(diff, prop2, alpha, alternative)`` for statsmodels' two-proportion functions."""
    delta = effect(design)
    diff = -delta if design.direction == "decrease" else delta
    alternative = "two-sided" if design.alternative == "two-sided" else "larger"
    return diff, design.baseline, effective_alpha(design), alternative


# The live comparisons import statsmodels first, then run a hypothesis property inside, so
# that they skip cleanly (and only they do) when statsmodels is not installed.


def test_statsmodels_proportion_sample_size() -> None:
    pytest.importorskip("statsmodels")
    from statsmodels.stats.proportion import samplesize_proportions_2indep_onetail

    @settings(deadline=None)
    @given(proportion_designs())
    def check(design: Design) -> None:
        diff, prop2, alpha, alternative = _statsmodels_arguments(design)
        expected = samplesize_proportions_2indep_onetail(
            diff, prop2, design.power, ratio=1, alpha=alpha, value=0, alternative=alternative
        )
        assert required_per_arm_exact(design) == pytest.approx(float(expected), rel=1e-9)

    check()


def test_statsmodels_proportion_power() -> None:
    pytest.importorskip("statsmodels")
    from statsmodels.stats.proportion import power_proportions_2indep

    @settings(deadline=None)
    @given(proportion_designs(), st.integers(1, 10**6))
    def check(design: Design, per_arm: int) -> None:
        diff, prop2, alpha, alternative = _statsmodels_arguments(design)
        # power_proportions_2indep also counts the far tail of a two-sided test, which
        # SPEC 1.2 ignores: ask it for the near tail alone, at alpha / 2
        if alternative == "two-sided":
            alpha /= 2
        one_tail = "smaller" if diff < 0 else "larger"
        expected = power_proportions_2indep(
            diff, prop2, per_arm, ratio=1, alpha=alpha, value=0, alternative=one_tail
        ).power
        assert achieved_power(design, per_arm) == pytest.approx(
            float(expected), rel=1e-9, abs=1e-12
        )

    check()


# Not compared: NormalIndPower with proportion_effectsize (Cohen's arcsine h). It is a
# different approximation, e.g. 80,076.4 instead of 80,077.25 for (0.33, 0.02), ~1e-5
# relative; samplesize_proportions_2indep_onetail matches the SPEC formula exactly instead.


def test_statsmodels_mean_sample_size() -> None:
    pytest.importorskip("statsmodels")
    from statsmodels.stats import power as power_module

    @settings(deadline=None)
    @given(mean_designs())
    @example(  # a tiny plan where power rises steeply: the root finder's error is largest
        Design(
            metric_type="mean",
            baseline=0.0,
            std_dev=9.671875,
            absolute=30.15625,
            direction="increase",
            alpha=0.008141999784995834,
            power=0.7231879146851232,
            alternative="two-sided",
        )
    )
    def check(design: Design) -> None:
        _check_mean_against_statsmodels(power_module, design)

    check()


def _check_mean_against_statsmodels(power_module: Any, design: Design) -> None:
    assert design.std_dev is not None
    effect_size = effect(design) / design.std_dev
    alpha = effective_alpha(design)
    ours = required_per_arm_exact(design)
    # Exact: the near tail only, which is what SPEC 1.2 solves.
    one_tail_alpha = alpha / 2 if design.alternative == "two-sided" else alpha
    near = power_module.normal_sample_size_one_tail(
        effect(design), design.power, one_tail_alpha, std_null=design.std_dev * math.sqrt(2)
    )
    assert ours == pytest.approx(float(near), rel=1e-9)
    # NormalIndPower's power for a two-sided test also counts the far tail (rejecting in the
    # wrong direction), which SPEC 1.2 ignores: at our exact size its power is ours plus
    # Phi(-(2 z_a + z_b)), to float precision.
    sided = "two-sided" if design.alternative == "two-sided" else "larger"
    z_a = NormalDist().inv_cdf(1 - one_tail_alpha)
    z_b = NormalDist().inv_cdf(design.power)
    far_tail = NormalDist().cdf(-(2 * z_a + z_b)) if sided == "two-sided" else 0.0
    their_power = power_module.NormalIndPower().power(
        effect_size=effect_size, nobs1=ours, alpha=alpha, ratio=1, alternative=sided
    )
    assert float(their_power) == pytest.approx(design.power + far_tail, rel=1e-9, abs=1e-12)
    # So NormalIndPower.solve_power needs slightly fewer units. For usual levels (alpha <=
    # 0.05, power >= 0.8) the far tail is below Phi(-4.76) ~ 1e-6, and the size gap below
    # 2.5e-6 relative: the two agree to rounding for any plan under ~100,000 units per arm.
    with warnings.catch_warnings():
        # its root finder warns (and returns nan) on a few extreme designs: assumed away below
        warnings.simplefilter("ignore")
        solved = float(
            power_module.NormalIndPower().solve_power(
                effect_size=effect_size,
                nobs1=None,
                alpha=alpha,
                power=design.power,
                ratio=1,
                alternative=sided,
            )
        )
    assume(math.isfinite(solved) and ours > 2)
    # Its root finder stops within about 1e-6 of the size (1.07e-6 seen for an effect
    # of 3.1 standard deviations, 2.16 units per arm, where power rises steeply).
    assert solved <= ours * (1 + 1e-5)
    if alpha <= 0.05 and design.power >= 0.8:
        assert (ours - solved) / ours < 1e-5


@pytest.mark.parametrize(
    ("std_dev", "delta", "alternative"),
    [
        (1.2, 0.05, "two-sided"),
        (1.0, 0.5, "two-sided"),
        (3.0, 0.4, "one-sided"),
        (10.0, 1.0, "two-sided"),
    ],
)
def test_statsmodels_normal_ind_power_rounds_alike(
    std_dev: float, delta: float, alternative: str
) -> None:
    pytest.importorskip("statsmodels")
    from statsmodels.stats import power as power_module

    design = Design(
        metric_type="mean", baseline=0.0, std_dev=std_dev, absolute=delta, alternative=alternative
    )
    solved = power_module.NormalIndPower().solve_power(
        effect_size=delta / std_dev,
        nobs1=None,
        alpha=0.05,
        power=0.8,
        ratio=1,
        alternative="two-sided" if alternative == "two-sided" else "larger",
    )
    assert required_per_arm(design) == math.ceil(float(solved))


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"baseline": 0.0}, "between 0 and 1"),
        ({"baseline": 1.0}, "between 0 and 1"),
        ({"baseline": 1.5}, "between 0 and 1"),
        ({"baseline": float("nan")}, "finite"),
        ({"baseline": "0.33"}, "finite"),
        ({"baseline": 0.9, "relative": 0.2}, "outside (0, 1)"),
        (
            {"baseline": 0.05, "relative": None, "absolute": 0.05, "direction": "decrease"},
            "outside",
        ),
        ({"relative": 0.0}, "positive"),
        ({"relative": -0.02}, "positive"),
        ({"relative": None, "absolute": -0.01}, "positive"),
        ({"relative": None}, "exactly one"),
        ({"absolute": 0.01}, "exactly one"),
        ({"relative": True}, "finite"),
        ({"alpha": 0.0}, "alpha"),
        ({"alpha": 1.0}, "alpha"),
        ({"power": 1.0}, "power"),
        ({"power": 0.0}, "power"),
        ({"power": float("inf")}, "power"),
        ({"arms": 1}, "arms"),
        ({"arms": True}, "arms"),
        ({"metric_type": "count"}, "metric type"),
        ({"metric_type": "ratio"}, "ratio metric needs a positive finite std_dev"),
        ({"correlation": 1.0}, "CUPED correlation"),
        ({"analyses": 0}, "analyses"),
        ({"sequential_method": "msprt", "inflation_factor": 0.5}, "inflation_factor"),
        ({"direction": "up"}, "direction"),
        ({"alternative": "greater"}, "alternative"),
        ({"alternative": "one-sided", "alpha": 0.9, "power": 0.1}, "too low"),
    ],
)
def test_design_errors(fields: dict[str, Any], message: str) -> None:
    design = proportion(0.33, 0.02)._replace(**fields)
    with pytest.raises(DesignError, match=message.replace("(", r"\(").replace(")", r"\)")):
        required_per_arm(design)


@pytest.mark.parametrize(
    "fields",
    [{"std_dev": None}, {"std_dev": 0.0}, {"std_dev": -1.0}, {"std_dev": float("nan")}],
)
def test_mean_needs_std_dev(fields: dict[str, Any]) -> None:
    design = Design(metric_type="mean", baseline=10.0, std_dev=1.2, relative=0.01)._replace(
        **fields
    )
    with pytest.raises(DesignError, match="std_dev"):
        required_per_arm(design)
    with pytest.raises(DesignError, match="std_dev"):
        achieved_power(design, 100)


def test_errors_from_every_entry_point() -> None:
    design = proportion(0.9, 0.2)  # p2 = 1.08
    for call in (
        lambda: validate(design),
        lambda: required_per_arm(design),
        lambda: required_per_arm_exact(design),
        lambda: achieved_power(design, 100),
    ):
        with pytest.raises(DesignError):
            call()
    with pytest.raises(DesignError, match="per_arm"):
        achieved_power(proportion(0.33, 0.02), -1)


def test_design_error_is_a_value_error() -> None:
    assert issubclass(DesignError, ValueError)
    validate(proportion(0.33, 0.02))  # a good design passes


def test_design_is_frozen() -> None:
    design = proportion(0.33, 0.02)
    with pytest.raises(AttributeError):
        design.baseline = 0.5  # type: ignore[misc]


# --- v2: independent implementations (statsmodels), simulation (numpy) ------------------------
#
# statsmodels' normal-approximation sample sizes take the standard deviations under the
# null and the alternative explicitly, so they compute SPEC 1.2's formula by another
# code path; NormalIndPower solves Cohen's effect size with both tails counted.


@pytest.mark.parametrize(
    ("baseline", "relative", "alpha", "wanted", "sides"),
    [
        (0.33, 0.02, 0.05, 0.8, "two-sided"),
        (0.20, 0.03, 0.05, 0.8, "two-sided"),
        (0.05, 0.10, 0.01, 0.9, "two-sided"),
        (0.33, 0.02, 0.05, 0.8, "one-sided"),
        (0.70, 0.05, 0.10, 0.95, "one-sided"),
    ],
)
def test_proportion_n_matches_statsmodels(
    baseline: float, relative: float, alpha: float, wanted: float, sides: str
) -> None:
    design = proportion(baseline, relative, alpha=alpha, power=wanted, alternative=sides)
    expected = samplesize_proportions_2indep_onetail(
        baseline * relative,
        baseline,
        wanted,
        ratio=1,
        alpha=alpha,
        value=0,
        alternative="two-sided" if sides == "two-sided" else "larger",
    )
    assert required_per_arm_exact(design) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("per_arm", [20_000, 82_000, 150_000])
def test_proportion_power_matches_statsmodels(per_arm: int) -> None:
    design = proportion(0.33, 0.02)
    p1, p2 = 0.33, 0.33 * 1.02
    p_bar = (p1 + p2) / 2
    # statsmodels adds the far tail of the two-sided test (rejecting in the wrong
    # direction), which SPEC 1.2 leaves out: take it away to compare exactly.
    std_null = math.sqrt(2 * p_bar * (1 - p_bar))
    std_alt = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    far_tail = NormalDist().cdf((-Z_975 * std_null - math.sqrt(per_arm) * (p2 - p1)) / std_alt)
    expected = normal_power_het(
        p2 - p1,
        per_arm,
        0.05,
        std_null=math.sqrt(2 * p_bar * (1 - p_bar)),
        std_alternative=math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)),
        alternative="two-sided",
    )
    assert achieved_power(design, per_arm) == pytest.approx(expected - far_tail, abs=1e-9)
    two_tails = power_proportions_2indep(p2 - p1, p1, per_arm, alpha=0.05, return_results=False)
    assert achieved_power(design, per_arm) == pytest.approx(two_tails - far_tail, abs=1e-9)


@pytest.mark.parametrize(("std_dev", "absolute"), [(1.2, 0.05), (1.0, 0.5), (40.0, 1.5)])
def test_mean_n_matches_statsmodels_normal_ind_power(std_dev: float, absolute: float) -> None:
    design = Design(metric_type="mean", baseline=10.0, std_dev=std_dev, absolute=absolute)
    expected = NormalIndPower().solve_power(
        effect_size=absolute / std_dev, alpha=0.05, power=0.8, ratio=1.0
    )
    # NormalIndPower counts the far tail too: a fraction of a unit apart at most.
    assert required_per_arm_exact(design) == pytest.approx(expected, abs=0.05)
    drift = math.sqrt(5000 / 2) * absolute / std_dev
    far_tail = NormalDist().cdf(-Z_975 - drift)
    assert achieved_power(design, 5000) == pytest.approx(
        NormalIndPower().power(absolute / std_dev, 5000, 0.05) - far_tail, abs=1e-9
    )


def guardrail(baseline: float = 0.002, margin: float = 0.10, **fields: Any) -> Design:
    return Design(
        metric_type="proportion",
        baseline=baseline,
        relative=margin,
        alternative="one-sided",
        **fields,
    )


@pytest.mark.parametrize(
    ("baseline", "margin", "alpha", "wanted"),
    [(0.002, 0.10, 0.05, 0.8), (0.05, 0.05, 0.05, 0.9), (0.3, 0.02, 0.01, 0.8)],
)
def test_guardrail_n_matches_statsmodels(
    baseline: float, margin: float, alpha: float, wanted: float
) -> None:
    design = guardrail(baseline, margin, alpha=alpha, power=wanted)
    sigma = math.sqrt(baseline * (1 - baseline))
    expected = normal_sample_size_one_tail(
        baseline * margin, wanted, alpha, std_null=sigma * math.sqrt(2)
    )
    assert noninferiority_per_arm_exact(design) == pytest.approx(expected, rel=1e-9)
    by_effect_size = NormalIndPower().solve_power(
        effect_size=baseline * margin / sigma, alpha=alpha, power=wanted, alternative="larger"
    )
    assert noninferiority_per_arm_exact(design) == pytest.approx(by_effect_size, rel=1e-6)


def test_the_spec_guardrail_needs_about_617000_per_arm() -> None:
    # SPEC 1.2: an unsubscribe rate of 0.002 with a 10% margin, 7.7 times the primary n.
    needed = noninferiority_per_arm(guardrail())
    assert needed == 617_020
    assert round(needed / required_per_arm(proportion(0.33, 0.02)), 1) == 7.7
    assert (
        noninferiority_power(guardrail(), needed)
        >= 0.8
        > noninferiority_power(guardrail(), needed - 1)
    )
    assert noninferiority_power(guardrail(), 82_000) == pytest.approx(0.2301, abs=1e-4)


def test_guardrail_margin_inverts_its_n() -> None:
    margin = noninferiority_margin(guardrail(), 617_020)
    assert margin == pytest.approx(0.0002, rel=1e-5)
    mean = Design(
        metric_type="mean", baseline=50.0, std_dev=40.0, relative=0.02, alternative="one-sided"
    )
    sigma_n = noninferiority_per_arm_exact(mean)
    assert sigma_n == pytest.approx(2 * 40.0**2 * (Z_95 + Z_80) ** 2 / 1.0**2, rel=1e-12)


@pytest.mark.parametrize(
    "fields", [{"relative": 0.0}, {"relative": -0.1}, {"baseline": 1.3}, {"baseline": 0.0}]
)
def test_guardrail_errors(fields: dict[str, Any]) -> None:
    with pytest.raises(DesignError):
        noninferiority_per_arm(guardrail()._replace(**fields))


# --- v2 factors: CUPED and sequential designs -------------------------------------------------


def test_cuped_multiplies_n_by_one_minus_rho_squared() -> None:
    plain = proportion(0.33, 0.02)
    for rho in (0.3, 0.5, -0.7):
        reduced = plain._replace(correlation=rho)
        assert required_per_arm_exact(reduced) == pytest.approx(
            required_per_arm_exact(plain) * (1 - rho**2), rel=1e-12
        )
        (factor,) = factors(reduced)
        assert factor == Factor("cuped", 1 - rho**2, factor.description, factor.short)
        assert f"correlation {rho:g}" in factor.description
        assert factor.short == f"CUPED x{1 - rho**2:.4g}"


@pytest.mark.parametrize(
    ("method", "analyses", "published"),
    [("obrien_fleming", 3, 1.017), ("pocock", 3, 1.166), ("pocock", 5, 1.228)],
)
def test_sequential_designs_multiply_n_by_their_inflation_factor(
    method: str, analyses: int, published: float
) -> None:
    plain = proportion(0.33, 0.02)
    design = plain._replace(sequential_method=method, analyses=analyses, correlation=0.5)
    ratio = required_per_arm_exact(design) / fixed_per_arm_exact(design)
    assert ratio == pytest.approx(0.75 * published, abs=0.005)
    needed = required_per_arm(design)
    # achieved_power integrates over the design's boundaries: the target is met exactly at n.
    assert achieved_power(design, needed) >= 0.8 > achieved_power(design, needed - 2)
    assert [f.kind for f in factors(design)] == ["cuped", method]


def test_a_plans_own_inflation_factor_for_other_methods() -> None:
    design = proportion(0.33, 0.02)._replace(sequential_method="msprt", inflation_factor=1.4)
    assert required_per_arm_exact(design) == pytest.approx(80077.25438762811 * 1.4, rel=1e-12)
    assert achieved_power(design, required_per_arm(design)) == pytest.approx(0.8, abs=1e-4)
    # A computed method ignores it; an unknown method without one costs nothing here (CL314).
    computed = design._replace(sequential_method="pocock", analyses=1)
    assert required_per_arm(computed) == 80078
    assert required_per_arm(design._replace(inflation_factor=None)) == 80078


def test_detectable_effect_inverts_the_power() -> None:
    design = proportion(0.33, 0.02)
    delta = detectable_effect(design, 80_078)
    assert delta is not None and delta == pytest.approx(0.0066, rel=1e-4)
    assert detectable_effect(design, 0) is None
    mean = Design(metric_type="mean", baseline=0.0, std_dev=1.0, absolute=0.5)
    # n = 2 (z_a + z_b)^2 / delta^2 solved for delta.
    assert detectable_effect(mean, 100) == pytest.approx(
        math.sqrt(2 * (Z_975 + Z_80) ** 2 / 100), rel=1e-9
    )


def test_power_curve_rises_from_the_level_to_near_one() -> None:
    curve = power_curve(proportion(0.33, 0.02), 80_078, 21)
    assert curve[0] == (0.0, pytest.approx(0.025))
    assert [p for _, p in curve] == sorted(p for _, p in curve)
    assert curve[10][0] == pytest.approx(0.0066) and curve[10][1] == pytest.approx(0.8, abs=1e-4)
    assert curve[-1][1] > 0.99


def test_ship_probability_of_the_spec_seed() -> None:
    # A 3% ship bar over a 2% MDE with 82,000 per arm: about 8% (issue 18).
    design = proportion(0.33, 0.02)
    assert ship_probability(design, 82_000, 0.33 * 0.03) == pytest.approx(0.078, abs=0.001)
    # A bar at the MDE ships about half the time; below significance, the power.
    assert ship_probability(design, 82_000, 0.33 * 0.02) == pytest.approx(0.5, abs=0.01)
    assert ship_probability(design, 80_078, 0.0) == pytest.approx(0.8, abs=1e-3)


def test_days_needed_round_up() -> None:
    assert days_needed(80_078, 2, 20_000) == 9
    assert days_needed(70_000, 2, 20_000) == 7
    assert days_needed(617_020, 2, 20_000, 0.5) == 124
    with pytest.raises(DesignError):
        days_needed(1, 2, 0)


# --- Monte-Carlo: the computed n reaches the target power ----------------------------------

SIMULATIONS = 40_000  # standard error of a simulated power of 0.8: 0.002


def test_simulated_power_of_the_primary_test_at_the_computed_n() -> None:
    """Two arms of binomial draws, the pooled two-proportion z-test of SPEC 1.2."""
    rng = np.random.default_rng(18)
    design = proportion(0.33, 0.02)
    n = required_per_arm(design)
    p1, p2 = 0.33, 0.33 * 1.02
    control = rng.binomial(n, p1, SIMULATIONS) / n
    treated = rng.binomial(n, p2, SIMULATIONS) / n
    pooled = (control + treated) / 2
    z = (treated - control) / np.sqrt(2 * pooled * (1 - pooled) / n)
    assert np.mean(np.abs(z) >= Z_975) == pytest.approx(0.8, abs=0.02)
    assert np.mean(np.abs(z) >= Z_975) == pytest.approx(achieved_power(design, n), abs=0.01)


def test_simulated_power_of_a_guardrail_non_inferiority_test() -> None:
    """A harmless change (both arms at the baseline), tested against a 10% margin with the
    unpooled Wald statistic: it shows non-inferiority with the target power at the
    computed n, and a treatment truly worse by the margin passes at rate alpha."""
    rng = np.random.default_rng(311)
    design = guardrail()
    n = noninferiority_per_arm(design)
    margin = 0.002 * 0.10

    def shown(p_treated: float) -> float:
        control = rng.binomial(n, 0.002, SIMULATIONS) / n
        treated = rng.binomial(n, p_treated, SIMULATIONS) / n
        se = np.sqrt((control * (1 - control) + treated * (1 - treated)) / n)
        return float(np.mean((treated - control - margin) / se <= -Z_95))

    assert shown(0.002) == pytest.approx(0.8, abs=0.02)
    assert shown(0.002 + margin) == pytest.approx(0.05, abs=0.01)


def test_simulated_power_with_cuped_at_the_reduced_n() -> None:
    """Outcomes correlated 0.5 with a pre-period covariate: the CUPED-adjusted difference
    of means reaches the target power at n x (1 - 0.25)."""
    rng = np.random.default_rng(2013)
    rho, delta, reps = 0.5, 0.1, 4000
    design = Design(metric_type="mean", baseline=0.0, std_dev=1.0, absolute=delta, correlation=rho)
    n = required_per_arm(design)
    assert n == math.ceil(2 * (Z_975 + Z_80) ** 2 / delta**2 * (1 - rho**2))

    def arm(shift: float) -> tuple[np.ndarray, np.ndarray]:
        pre = rng.standard_normal((reps, n))
        post = rho * pre + math.sqrt(1 - rho**2) * rng.standard_normal((reps, n)) + shift
        return pre, post

    (pre_c, post_c), (pre_t, post_t) = arm(0.0), arm(delta)
    theta = rho  # Cov(post, pre) / Var(pre), known here
    adjusted_c = (post_c - theta * pre_c).mean(axis=1)
    adjusted_t = (post_t - theta * pre_t).mean(axis=1)
    z = (adjusted_t - adjusted_c) / math.sqrt(2 * (1 - rho**2) / n)
    assert np.mean(np.abs(z) >= Z_975) == pytest.approx(0.8, abs=0.02)


def test_simulated_ship_probability() -> None:
    rng = np.random.default_rng(317)
    n, p1 = 82_000, 0.33
    p2 = p1 * 1.02
    control = rng.binomial(n, p1, SIMULATIONS) / n
    treated = rng.binomial(n, p2, SIMULATIONS) / n
    pooled = (control + treated) / 2
    significant = (treated - control) / np.sqrt(2 * pooled * (1 - pooled) / n) >= Z_975
    ships = np.mean(significant & (treated - control >= p1 * 0.03))
    assert ships == pytest.approx(ship_probability(proportion(p1, 0.02), n, p1 * 0.03), abs=0.005)


@settings(max_examples=60, deadline=None)
@given(
    baseline=st.floats(0.02, 0.8),
    relative=st.floats(0.02, 0.3),
    method=st.sampled_from([None, "obrien_fleming", "pocock", "msprt"]),
    analyses=st.integers(1, 6),
    correlation=st.sampled_from([None, 0.0, 0.3, 0.6]),
    alpha=st.sampled_from([0.01, 0.05, 0.1]),
    wanted=st.sampled_from([0.8, 0.9]),
    sides=st.sampled_from(["two-sided", "one-sided"]),
)
def test_required_n_is_the_smallest_that_reaches_the_power_with_any_factor(
    baseline: float,
    relative: float,
    method: str | None,
    analyses: int,
    correlation: float | None,
    alpha: float,
    wanted: float,
    sides: str,
) -> None:
    """CL302 fires exactly when per_arm is below the required n: with CUPED and any
    sequential design, the power reached at n is the target and one unit less is not."""
    assume(baseline * (1 + relative) < 1)
    design = proportion(
        baseline,
        relative,
        alpha=alpha,
        power=wanted,
        alternative=sides,
        sequential_method=method,
        analyses=analyses,
        correlation=correlation,
        inflation_factor=1.3 if method == "msprt" else None,
    )
    needed = required_per_arm(design)
    assume(needed > 1)
    assert achieved_power(design, needed) >= wanted - 1e-9
    assert achieved_power(design, needed - 1) < wanted


@pytest.mark.parametrize(("comparisons", "said"), [(4, "15.6%"), (3, "12.5%")])
def test_the_family_wise_error_cl309_states_is_scipys(comparisons: int, said: str) -> None:
    """Comparisons of equal arms with one shared control are correlated 0.5: the chance
    that one wins by luck at alpha 0.05 (two-sided) is 1 - P(all |Z| < z), from scipy's
    multivariate normal, not the 1 - 0.95^k of independent tests."""
    from pathlib import Path

    from scipy.stats import multivariate_normal, norm

    from contractlint.rules import BY_CODE

    z = norm.ppf(0.975)
    cov = np.full((comparisons, comparisons), 0.5) + np.eye(comparisons) * 0.5
    inside = multivariate_normal(np.zeros(comparisons), cov).cdf(
        np.full(comparisons, z), lower_limit=np.full(comparisons, -z)
    )
    assert f"{(1 - inside) * 100:.1f}%" == said
    where = {
        4: BY_CODE["CL309"].doc.why,
        3: (Path(__file__).parent.parent / "examples/experiment-plan/four-arms.yaml").read_text(),
    }
    assert said in where[comparisons]
