"""``contractlint power``: the sample size, power and duration of an experiment plan.

The inputs come from a plan file (its primary metric, each guardrail with a ``baseline``
and ``max_regression``, its sample size, factors and traffic) or from flags; flags given
with a plan override the plan's values. Every number is computed by
:mod:`contractlint.power` (and :mod:`contractlint.sequential` for group-sequential
designs), so the command and the rules (CL302, CL311, CL317) always agree.

The output is text (a block per metric, then a power curve drawn with characters),
JSON (``--format json``) and, with ``--plot``, the curve as an SVG written here with no
library (or a PNG, which needs matplotlib: the ``plot`` extra). Inputs that make the
formulas meaningless are :class:`PowerInputError`: the front end prints one line and
exits 2.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from contractlint import power

CURVE_POINTS = 41
_PLOT_WIDTH = 41  # characters: one per curve point
_PLOT_ROWS = 10  # power 0.0 to 1.0 in steps of 0.1


class PowerInputError(ValueError):
    """Inputs the calculation cannot use; the message says which and why."""


@dataclass(frozen=True)
class Inputs:
    """What the flags give; None means "not given" (take the plan's value or the default)."""

    baseline: float | None = None
    relative_mde: float | None = None
    absolute_mde: float | None = None
    metric_type: str | None = None
    std_dev: float | None = None
    alpha: float | None = None
    power: float | None = None
    one_sided: bool = False
    arms: int | None = None
    daily_units: float | None = None
    allocation: float | None = None
    per_arm: int | None = None
    correlation: float | None = None
    sequential: str | None = None
    analyses: int | None = None

    def any_metric(self) -> bool:
        return any(
            v is not None
            for v in (self.baseline, self.relative_mde, self.absolute_mde, self.metric_type)
        )


@dataclass(frozen=True)
class MetricResult:
    """The numbers of one metric: the primary metric's test or a guardrail's
    non-inferiority test."""

    role: str  # "primary" or "guardrail"
    name: str
    design: power.Design
    test: str
    effect: float  # the absolute MDE, or the guardrail's margin
    fixed_per_arm: int
    required_per_arm: int
    factors: tuple[power.Factor, ...]
    per_arm: int | None
    power_reached: float | None
    detectable: float | None  # the absolute effect (margin) per_arm detects
    days: int | None
    curve: tuple[tuple[float, float], ...]

    @property
    def relative_scale(self) -> float:
        return abs(self.design.baseline) or 1.0


@dataclass(frozen=True)
class Skipped:
    """A guardrail that cannot be sized, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class Report:
    source: str  # the plan file, or "flags"
    arms: int
    daily_units: float | None
    allocation: float
    per_arm: int | None
    metrics: tuple[MetricResult, ...]
    skipped: tuple[Skipped, ...] = field(default=())

    @property
    def required_per_arm(self) -> int:
        return max(m.required_per_arm for m in self.metrics)

    @property
    def days(self) -> int | None:
        if self.daily_units is None:
            return None
        return power.days_needed(
            self.required_per_arm, self.arms, self.daily_units, self.allocation
        )


# --------------------------------------------------------------------------- inputs


def _number(value: Any, what: str) -> float | None:
    """A plan's number, None when absent; a value of another type is an input error."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PowerInputError(f"{what} must be a number, not {value!r}")
    return float(value)


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise PowerInputError(f"{what} must be a mapping, not {value!r}")
    return value


def _whole(value: float | None, what: str, least: int) -> int | None:
    if value is None:
        return None
    if value != int(value) or value < least:
        raise PowerInputError(f"{what} must be a whole number of at least {least}, not {value:g}")
    return int(value)


def designs(
    plan: Mapping[str, Any] | None,
    flags: Inputs,
    default_alpha: float = 0.05,
    default_power: float = 0.8,
) -> tuple[power.Design, str, list[tuple[str, Mapping[str, Any]]], dict[str, Any]]:
    """(the primary metric's design, its name, the plan's guardrails, the plan-level
    numbers: arms, per_arm, daily_units, allocation) from a plan and the flags."""
    plan = plan or {}
    metric = plan.get("primary_metric")
    if metric is not None and not isinstance(metric, Mapping):
        if not flags.any_metric():
            raise PowerInputError(
                f"primary_metric is a bare name ({metric!r}): give it a type, a baseline "
                "and a minimum_detectable_effect"
            )
        metric = None
    metric = _mapping(metric, "primary_metric")
    effect = _mapping(metric.get("minimum_detectable_effect"), "minimum_detectable_effect")
    sample = _mapping(plan.get("sample_size"), "sample_size")
    traffic = _mapping(plan.get("traffic"), "traffic")

    baseline = (
        flags.baseline
        if flags.baseline is not None
        else _number(metric.get("baseline"), "primary_metric.baseline")
    )
    if baseline is None:
        raise PowerInputError(
            "no baseline: give --baseline, or a plan whose primary_metric has a numeric baseline"
        )
    relative, absolute = flags.relative_mde, flags.absolute_mde
    if relative is None and absolute is None:
        relative = _number(effect.get("relative"), "minimum_detectable_effect.relative")
        absolute = _number(effect.get("absolute"), "minimum_detectable_effect.absolute")
    if (relative is None) == (absolute is None):
        raise PowerInputError(
            "give exactly one minimum detectable effect: --relative-mde or --absolute-mde "
            "(in a plan, minimum_detectable_effect: {relative: ...} or {absolute: ...})"
        )
    metric_type = flags.metric_type or str(metric.get("type") or "proportion")
    std_dev = (
        flags.std_dev
        if flags.std_dev is not None
        else _number(metric.get("std_dev"), "primary_metric.std_dev")
    )
    if metric_type != "proportion" and std_dev is None:
        raise PowerInputError(
            f"a {metric_type} metric needs its standard deviation: give --std-dev "
            "(in a plan, primary_metric.std_dev)"
        )
    alpha = flags.alpha if flags.alpha is not None else _number(sample.get("alpha"), "alpha")
    wanted = flags.power if flags.power is not None else _number(sample.get("power"), "power")
    alternative = "one-sided" if flags.one_sided else str(sample.get("alternative") or "two-sided")
    arms = (
        flags.arms
        if flags.arms is not None
        else _whole(_number(plan.get("arms"), "arms"), "arms", 2)
    )
    arms = arms or 2
    correction = plan.get("correction")
    if correction is None and flags.arms is not None and arms > 2:
        correction = "bonferroni"  # the flags' plan compares each arm with control
    adjustments = power.plan_adjustments(plan)
    if flags.correlation is not None:
        adjustments["correlation"] = flags.correlation
    if flags.sequential is not None:
        adjustments["sequential_method"] = power.normalized_method(flags.sequential)
        adjustments.setdefault("analyses", 1)
    if flags.analyses is not None:
        adjustments["analyses"] = flags.analyses
    if adjustments.get("sequential_method") is None:
        adjustments.pop("sequential_method", None)
    elif (
        flags.sequential is not None
        and adjustments["sequential_method"] in power.COMPUTED_SEQUENTIAL_METHODS
        and adjustments.get("analyses", 1) < 2
    ):  # one analysis is the fixed horizon: the design asked for would be dropped unsaid
        raise PowerInputError(
            f"--sequential {flags.sequential} needs --analyses K, the number of analyses "
            "(2 or more; interim looks + 1)"
        )
    design = power.Design(
        metric_type=metric_type,
        baseline=baseline,
        std_dev=std_dev,
        relative=relative,
        absolute=absolute,
        direction=str(metric.get("direction") or "increase"),
        alpha=alpha if alpha is not None else default_alpha,
        power=wanted if wanted is not None else default_power,
        alternative=alternative,
        arms=arms,
        correction=correction if isinstance(correction, str) else None,
        **adjustments,
    )
    try:
        power.validate(design)
    except power.DesignError as exc:
        raise PowerInputError(str(exc)) from None
    per_arm = flags.per_arm
    if per_arm is None:
        per_arm = _whole(_number(sample.get("per_arm"), "sample_size.per_arm"), "per_arm", 1)
    daily = flags.daily_units
    if daily is None:
        daily = _number(traffic.get("daily_units"), "traffic.daily_units")
    allocation = flags.allocation
    if allocation is None:
        allocation = _number(traffic.get("allocation"), "traffic.allocation")
    allocation = 1.0 if allocation is None else allocation
    if daily is not None and not daily > 0:
        raise PowerInputError(f"daily units must be positive, not {daily:g}")
    if not 0 < allocation <= 1:
        raise PowerInputError(f"allocation must be above 0 and at most 1, not {allocation:g}")
    name = metric.get("name") if isinstance(metric.get("name"), str) else "(from the flags)"
    guardrails = plan.get("guardrails")
    listed = [
        (str(g.get("metric") or f"#{i + 1}"), g)
        for i, g in enumerate(guardrails if isinstance(guardrails, list) else [])
        if isinstance(g, Mapping)
    ]
    numbers = {"arms": arms, "per_arm": per_arm, "daily_units": daily, "allocation": allocation}
    return design, str(name), listed, numbers


def _guardrail(
    primary: power.Design, label: str, guardrail: Mapping[str, Any]
) -> power.Design | str:
    """The guardrail's non-inferiority design, or why it cannot be sized."""
    where = f"guardrail `{label}`"
    regression = guardrail.get("max_regression")
    if regression is None:
        return "an absolute `max`/`min` bound, not a non-inferiority margin"
    regression = _number(regression, f"{where}: max_regression")
    assert regression is not None
    if regression == 0:
        return "max_regression 0 can never be shown: no sample is large enough (CL312)"
    if regression < 0:
        raise PowerInputError(f"{where}: max_regression must be positive, not {regression:g}")
    baseline = _number(guardrail.get("baseline"), f"{where}: baseline")
    if baseline is None:
        return "no baseline to size its test against"
    kind = str(guardrail.get("type") or "proportion")
    if kind != "proportion" and guardrail.get("std_dev") is None:
        return f"a {kind} guardrail needs its std_dev"
    design = primary._replace(
        metric_type=kind,
        baseline=baseline,
        std_dev=_number(guardrail.get("std_dev"), f"{where}: std_dev"),
        relative=regression,
        absolute=None,
        direction="increase",
        alternative="one-sided",
        arms=2,
        correction=None,
    )
    try:
        power.noninferiority_per_arm_exact(design)
    except power.DesignError as exc:
        raise PowerInputError(f"{where}: {exc}") from None
    return design


def _round_up(value: float) -> int:
    return max(1, math.ceil(value - 1e-9))


def compute(
    plan: Mapping[str, Any] | None,
    flags: Inputs,
    source: str,
    default_alpha: float = 0.05,
    default_power: float = 0.8,
) -> Report:
    """Every number the command prints, for the plan (None: the flags alone)."""
    primary, name, guardrails, numbers = designs(plan, flags, default_alpha, default_power)
    per_arm: int | None = numbers["per_arm"]
    arms: int = numbers["arms"]
    daily, allocation = numbers["daily_units"], numbers["allocation"]
    try:
        metrics = [_primary_result(primary, name, per_arm, arms, daily, allocation)]
        skipped: list[Skipped] = []
        for label, guardrail in guardrails:
            sized = _guardrail(primary, label, guardrail)
            if isinstance(sized, str):
                skipped.append(Skipped(label, sized))
                continue
            metrics.append(_guardrail_result(sized, label, per_arm, arms, daily, allocation))
    except power.DesignError as exc:
        raise PowerInputError(str(exc)) from None
    return Report(source, arms, daily, allocation, per_arm, tuple(metrics), tuple(skipped))


def _days(n: int, arms: int, daily: float | None, allocation: float) -> int | None:
    return None if daily is None else power.days_needed(n, arms, daily, allocation)


def _primary_result(
    design: power.Design,
    name: str,
    per_arm: int | None,
    arms: int,
    daily: float | None,
    allocation: float,
) -> MetricResult:
    required = power.required_per_arm(design)
    at = per_arm if per_arm is not None else required
    alpha = power.effective_alpha(design)
    test = f"{design.alternative} test at alpha {power.level(alpha)}"
    if alpha != design.alpha:
        test += f" (Bonferroni: {power.level(design.alpha)} / {design.arms - 1} comparisons)"
    return MetricResult(
        role="primary",
        name=name,
        design=design,
        test=test + f", power {power.level(design.power)}",
        effect=power.effect(design),
        fixed_per_arm=_round_up(power.fixed_per_arm_exact(design)),
        required_per_arm=required,
        factors=power.factors(design),
        per_arm=per_arm,
        power_reached=power.achieved_power(design, per_arm) if per_arm is not None else None,
        detectable=power.detectable_effect(design, at),
        days=_days(required, arms, daily, allocation),
        curve=tuple(power.power_curve(design, at, CURVE_POINTS)),
    )


def _guardrail_result(
    design: power.Design,
    name: str,
    per_arm: int | None,
    arms: int,
    daily: float | None,
    allocation: float,
) -> MetricResult:
    required = power.noninferiority_per_arm(design)
    at = per_arm if per_arm is not None else required
    margin = abs(design.baseline) * float(design.relative or 0)
    exact = power.noninferiority_per_arm_exact(design)
    applied = power.noninferiority_factors(design)
    fixed = exact / math.prod(f.value for f in applied)
    curve = tuple(
        (m, power.noninferiority_power(design, at, m) if m > 0 else float(design.alpha))
        for m in (2 * margin * i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS))
    )
    return MetricResult(
        role="guardrail",
        name=name,
        design=design,
        test=(
            f"non-inferiority, one-sided at alpha {power.level(design.alpha)}, "
            f"power {power.level(design.power)}, "
            f"margin {margin:.4g} ({float(design.relative or 0) * 100:g}% of its baseline "
            f"{design.baseline:g})"
        ),
        effect=margin,
        fixed_per_arm=_round_up(fixed),
        required_per_arm=required,
        factors=applied,
        per_arm=per_arm,
        power_reached=power.noninferiority_power(design, per_arm) if per_arm is not None else None,
        detectable=power.noninferiority_margin(design, at),
        days=_days(required, arms, daily, allocation),
        curve=curve,
    )


# --------------------------------------------------------------------------- text


def _weeks(days: int) -> str:
    weeks = math.ceil(days / 7)
    return (
        f"{days:,} days, {7 * weeks:,} in whole weeks ({weeks:,} week{'s' if weeks != 1 else ''})"
    )


def _effect(result: MetricResult, value: float) -> str:
    if result.design.baseline:
        return f"{value:.4g} ({value / result.relative_scale:.2%} of the baseline)"
    return f"{value:.4g}"


def as_text(report: Report) -> str:
    lines: list[str] = [f"Sample size for {report.source}"]
    for result in report.metrics:
        lines += ["", *_metric_lines(report, result)]
    for skipped in report.skipped:
        lines += ["", f"Guardrail {skipped.name}: not sized ({skipped.reason})"]
    lines.append("")
    lines.append(
        f"The plan needs {report.required_per_arm:,} per arm (the largest of its metrics)"
        + (
            f": {_weeks(report.days)} at {report.daily_units:,g} units a day x "
            f"{report.allocation:g} allocation over {report.arms} arms"
            if report.days is not None
            else "; give --daily-units (or traffic.daily_units) for the days it takes"
        )
        + "."
    )
    primary = report.metrics[0]
    lines += ["", *plot(primary)]
    return "\n".join(lines) + "\n"


def _metric_lines(report: Report, result: MetricResult) -> list[str]:
    design = result.design
    title = "Primary metric" if result.role == "primary" else "Guardrail"
    what = "minimum detectable effect" if result.role == "primary" else "margin"
    lines = [
        f"{title} {result.name} ({design.metric_type}, baseline {design.baseline:g})",
        f"  test:                {result.test}",
        f"  {what}: {_effect(result, result.effect)}",
        f"  required per arm:    {result.required_per_arm:,}",
    ]
    if result.factors:
        lines.append(f"    fixed-horizon n:   {result.fixed_per_arm:,}")
        for factor in result.factors:
            lines.append(f"    factor:            {factor.description}")
    else:
        lines.append("    factors:           none (fixed horizon, no variance reduction)")
    if result.per_arm is not None and result.power_reached is not None:
        short = " (short)" if result.per_arm < result.required_per_arm else ""
        reached = math.floor(result.power_reached * 10000) / 100  # never rounded up to the target
        lines.append(f"  per_arm {result.per_arm:,} reaches: power {reached:.2f}%{short}")
        label = "detects effects of" if result.role == "primary" else "shows a margin of"
        if result.detectable is not None:
            detected = _effect(result, result.detectable)
            lines.append(f"  per_arm {result.per_arm:,} {label}: {detected} and more")
        else:  # too few for any effect the metric can have at this power
            lines.append(f"  per_arm {result.per_arm:,} {label}: none at this power")

    if result.days is not None:
        lines.append(f"  days needed:         {_weeks(result.days)}")
    return lines


def plot(result: MetricResult) -> list[str]:
    """The power curve in characters: power (rows, 0 to 1) against the true effect."""
    rows = [[" "] * _PLOT_WIDTH for _ in range(_PLOT_ROWS + 1)]
    target = round(float(result.design.power) * _PLOT_ROWS)
    for col in range(0, _PLOT_WIDTH, 2):
        rows[target][col] = "-"
    top = result.curve[-1][0] or 1.0
    mde_col = min(_PLOT_WIDTH - 1, round(result.effect / top * (_PLOT_WIDTH - 1)))
    for row in rows:
        if row[mde_col] == " ":
            row[mde_col] = ":"
    for col, (_, value) in enumerate(result.curve[:_PLOT_WIDTH]):
        rows[round(min(max(value, 0.0), 1.0) * _PLOT_ROWS)][col] = "*"
    n = result.per_arm if result.per_arm is not None else result.required_per_arm
    what = "true effect" if result.role == "primary" else "margin"
    lines = [f"Power against the {what} ({result.name}, {n:,} per arm)"]
    for level in range(_PLOT_ROWS, -1, -1):
        label = f"{level / _PLOT_ROWS:.1f}" if level in (0, _PLOT_ROWS // 2, _PLOT_ROWS) else ""
        if level == target:
            label = f"{float(result.design.power):.2g}"
        lines.append(f"{label:>5} |{''.join(rows[level])}".rstrip())
    lines.append("      +" + "-" * _PLOT_WIDTH)
    left, middle, right = "0", f"{result.effect:.3g}", f"{top:.3g}"
    axis = [" "] * (_PLOT_WIDTH + 1)
    for text, at in (
        (left, 0),
        (middle, mde_col - len(middle) // 2),
        (right, _PLOT_WIDTH - len(right)),
    ):
        for i, ch in enumerate(text):
            if 0 <= at + i < len(axis):
                axis[at + i] = ch
    lines.append("       " + "".join(axis).rstrip())
    name = "MDE" if result.role == "primary" else "margin"
    lines.append(f"       (: marks the {name}, - the target power; x is absolute)")
    return lines


# --------------------------------------------------------------------------- json


def as_json(report: Report) -> str:
    def metric(result: MetricResult) -> dict[str, Any]:
        scale = result.relative_scale
        return {
            "role": result.role,
            "name": result.name,
            "type": result.design.metric_type,
            "baseline": result.design.baseline,
            "test": result.test,
            "alpha": (
                power.effective_alpha(result.design)
                if result.role == "primary"
                else result.design.alpha
            ),
            "power": result.design.power,
            "effect": {"absolute": result.effect, "relative": result.effect / scale},
            "fixed_per_arm": result.fixed_per_arm,
            "required_per_arm": result.required_per_arm,
            "factors": [
                {"kind": f.kind, "value": f.value, "description": f.description}
                for f in result.factors
            ],
            "per_arm": result.per_arm,
            "power_reached": result.power_reached,
            "detectable_effect": (
                None
                if result.detectable is None
                else {"absolute": result.detectable, "relative": result.detectable / scale}
            ),
            "days_needed": result.days,
            "weeks_needed": None if result.days is None else math.ceil(result.days / 7),
            "curve": [{"effect": x, "power": y} for x, y in result.curve],
        }

    days = report.days
    data = {
        "version": 1,
        "source": report.source,
        "arms": report.arms,
        "per_arm": report.per_arm,
        "traffic": {"daily_units": report.daily_units, "allocation": report.allocation},
        "metrics": [metric(m) for m in report.metrics],
        "not_sized": [{"name": s.name, "reason": s.reason} for s in report.skipped],
        "required_per_arm": report.required_per_arm,
        "days_needed": days,
        "weeks_needed": None if days is None else math.ceil(days / 7),
    }
    return json.dumps(data, indent=2) + "\n"


# --------------------------------------------------------------------------- pictures


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_svg(result: MetricResult) -> str:
    """The power curve as a self-contained SVG (no script, no external reference)."""
    width, height, left, right, top, bottom = 640, 400, 70, 20, 40, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    x_max = result.curve[-1][0] or 1.0

    def x(value: float) -> float:
        return left + plot_w * value / x_max

    def y(value: float) -> float:
        return top + plot_h * (1 - value)

    points = " ".join(f"{x(e):.2f},{y(p):.2f}" for e, p in result.curve)
    n = result.per_arm if result.per_arm is not None else result.required_per_arm
    label = "true effect" if result.role == "primary" else "non-inferiority margin"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="14">'
        f"{_escape(f'Power of {result.name} with {n:,} per arm')}</text>",
    ]
    for i in range(0, 11, 2):  # horizontal grid and power ticks
        level = i / 10
        parts.append(
            f'<line x1="{left}" y1="{y(level):.2f}" x2="{left + plot_w}" y2="{y(level):.2f}" '
            'stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y(level) + 4:.2f}" text-anchor="end">{level:.1f}</text>'
        )
    for i in range(5):  # effect ticks
        value = x_max * i / 4
        parts.append(
            f'<text x="{x(value):.2f}" y="{top + plot_h + 18}" text-anchor="middle">'
            f"{value:.3g}</text>"
        )
    target = float(result.design.power)
    parts += [
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="black"/>',
        f'<line x1="{left}" y1="{y(target):.2f}" x2="{left + plot_w}" y2="{y(target):.2f}" '
        'stroke="#c00" stroke-dasharray="6 4"/>',
        f'<text x="{left + plot_w - 4}" y="{y(target) - 6:.2f}" text-anchor="end" fill="#c00">'
        f"target power {target:g}</text>",
        f'<line x1="{x(result.effect):.2f}" y1="{top}" x2="{x(result.effect):.2f}" '
        f'y2="{top + plot_h}" stroke="#06c" stroke-dasharray="4 4"/>',
        f'<text x="{x(result.effect) + 4:.2f}" y="{top + 14}" fill="#06c">'
        f"{'MDE' if result.role == 'primary' else 'margin'} {result.effect:.3g}</text>",
        f'<polyline points="{points}" fill="none" stroke="black" stroke-width="2"/>',
        f'<text x="{left + plot_w / 2}" y="{height - 18}" text-anchor="middle">'
        f"{_escape(label)} (absolute)</text>",
        f'<text x="18" y="{top + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 18 {top + plot_h / 2})">power</text>',
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def as_png(result: MetricResult) -> bytes:
    """The power curve as a PNG, drawn by matplotlib (the ``plot`` extra); raises
    :class:`PowerInputError` when it is not installed."""
    import importlib

    try:  # an optional dependency, typed as Any: no stubs needed when it is absent
        matplotlib: Any = importlib.import_module("matplotlib")
        matplotlib.use("Agg")
        pyplot: Any = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise PowerInputError(
            "writing a PNG needs matplotlib, which is not installed: "
            "pip install 'contractlint[plot]', or write an SVG (--plot curve.svg), "
            "which needs nothing"
        ) from None
    import io

    figure, axes = pyplot.subplots(figsize=(6.4, 4.0), dpi=100)
    axes.plot([e for e, _ in result.curve], [p for _, p in result.curve], color="black")
    axes.axhline(float(result.design.power), color="#c00", linestyle="--")
    axes.axvline(result.effect, color="#06c", linestyle=":")
    axes.set_ylim(0, 1)
    axes.set_xlabel("true effect (absolute)" if result.role == "primary" else "margin (absolute)")
    axes.set_ylabel("power")
    axes.set_title(f"Power of {result.name}")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot.close(figure)
    return buffer.getvalue()


def picture(report: Report, path: str) -> bytes:
    """The bytes of ``--plot PATH`` (its suffix chooses SVG or PNG)."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix == "svg":
        return as_svg(report.metrics[0]).encode("utf-8")
    if suffix == "png":
        return as_png(report.metrics[0])
    raise PowerInputError(f"--plot writes .svg or .png, not {path!r}")


def plan_documents(path: str) -> list[Mapping[str, Any]]:
    """The experiment plans in the file at ``path`` (YAML, JSON or Markdown), read with
    the safe loader contractlint lints with."""
    from contractlint.model import Problem
    from contractlint.pipeline import loader, source

    read = source.read(path)
    if isinstance(read, Problem):
        raise PowerInputError(f"{path}: {read.message}")
    plans: list[Mapping[str, Any]] = []
    for segment in read.segments:
        loaded = loader.load(path, segment)
        for problem in loaded.problems:
            raise PowerInputError(f"{path}: {problem.message}")
        plans += [d.value for d in loaded.documents if d.kind == "experiment-plan"]
    return plans


def run(
    plan_path: str | None,
    flags: Inputs,
    output_format: str,
    plot_file: str | None,
    default_alpha: float,
    default_power: float,
) -> tuple[str, str | None]:
    """(what to print, the note for stderr) of ``contractlint power``; writes ``--plot``
    atomically. Raises :class:`PowerInputError` for inputs it cannot use."""
    from contractlint.atomic import write_atomic

    plan: Mapping[str, Any] | None = None
    if plan_path is not None:
        plans = plan_documents(plan_path)
        if not plans:
            raise PowerInputError(f"{plan_path} holds no experiment-plan")
        if len(plans) > 1:
            raise PowerInputError(
                f"{plan_path} holds {len(plans)} experiment plans: give a file with one"
            )
        plan = plans[0]
    elif flags.baseline is None:
        raise PowerInputError(
            "give a plan file, or the inputs as flags: "
            "contractlint power --baseline 0.33 --relative-mde 0.02"
        )
    report = compute(plan, flags, plan_path or "the flags' design", default_alpha, default_power)
    note = None
    if plot_file is not None:
        data = picture(report, plot_file)
        try:
            write_atomic(plot_file, data)
        except OSError as exc:
            raise PowerInputError(f"cannot write {plot_file}: {exc.strerror or exc}") from None
        note = f"Wrote the power curve of {report.metrics[0].name} to {plot_file}"
    text = as_json(report) if output_format == "json" else as_text(report)
    return text, note
