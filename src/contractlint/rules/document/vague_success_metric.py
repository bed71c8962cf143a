from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import fit, get, is_missing, is_number, state_of


def _plan(document: Document, options: RuleOptions) -> Iterator[Hit]:
    metric: Any = document.value.get("primary_metric")
    if is_missing(metric, options) or metric == {}:
        detail = "the plan has no `primary_metric`"
        if "primary_metric" in document.value:
            detail = f"`primary_metric` {state_of(metric)}"
        yield Hit(
            "/primary_metric",
            f"{detail}: name the deciding metric, with its baseline and minimum detectable effect",
        )
        return
    if isinstance(metric, str):
        yield Hit(
            "/primary_metric",
            fit(
                "`primary_metric` is a bare name (`{metric}`): give it a `baseline` and a "
                "`minimum_detectable_effect`",
                "`{metric}` is a bare name: add a `baseline` and a `minimum_detectable_effect`",
                metric=metric,
            ),
        )
        return
    if not isinstance(metric, dict):
        return
    # Missing means absent, null or a placeholder; a value of the wrong type is present,
    # and the schema reports it (CL003), as it does an effect that names no size (`{}`).
    lacking: dict[str, str] = {}
    baseline: Any = metric.get("baseline")
    if is_missing(baseline, options):
        lacking["baseline"] = "a numeric `baseline`"  # (said in full by explain)
    effect: Any = metric.get("minimum_detectable_effect")
    sizes = [get(effect, key) for key in ("relative", "absolute")]
    # A mapping with other keys (`{relativ: 0.05}`) is the schema's: did you mean...
    if is_missing(effect, options) or (
        isinstance(effect, dict)
        and effect
        and all(is_missing(size, options) for size in sizes)
        and set(effect) <= {"relative", "absolute"}
    ):
        lacking["minimum_detectable_effect"] = "a `minimum_detectable_effect`"
    if len(lacking) == 1:
        [(field, what)] = lacking.items()
        detail = f"`primary_metric` lacks {what}"
        if field in metric and not isinstance(metric[field], dict):  # null or `TBD`
            detail = f"`primary_metric.{field}` {state_of(metric[field])}"
        yield Hit(f"/primary_metric/{field}", f"{detail}: the test cannot be sized")
        return
    if lacking:
        yield Hit(
            "/primary_metric",
            f"`primary_metric` lacks {' and '.join(lacking.values())}: the test cannot be sized",
        )
        return
    if not is_number(baseline):
        return
    kind = metric.get("type", "proportion")
    if kind == "proportion" and not 0 < baseline < 1:
        field = "`primary_metric.baseline`"
        yield Hit("/primary_metric/baseline", f"{_experiment.not_a_rate(field, baseline)}")
        return
    if kind == "proportion":
        yield from _effect_out_of_range(metric, baseline, effect)
    elif baseline == 0 and is_number(get(effect, "relative")) and get(effect, "absolute") is None:
        yield Hit(
            "/primary_metric/minimum_detectable_effect",
            "a relative effect of a `baseline` of 0 is no effect: the test cannot be sized; "
            "give `minimum_detectable_effect.absolute`",
        )
    if kind == "mean" and is_missing(metric.get("std_dev"), options):
        yield Hit(
            "/primary_metric/std_dev",
            "`primary_metric` is a mean without a numeric `std_dev`: its sample size depends "
            "on its spread; add it from history",
        )
    if kind == "ratio" and is_missing(metric.get("std_dev"), options):
        yield Hit(
            "/primary_metric/std_dev",
            "`primary_metric` is a ratio without a numeric `std_dev`: add its delta-method "
            "standard deviation per randomized unit",
        )


def _effect_out_of_range(metric: Any, baseline: float, effect: Any) -> Iterator[Hit]:
    """A proportion's target rate must stay a rate: 0.9 + 0.2 is not one."""
    relative, absolute = get(effect, "relative"), get(effect, "absolute")
    if is_number(relative) and not is_number(absolute):
        delta = baseline * relative
    elif is_number(absolute) and not is_number(relative):
        delta = absolute
    else:
        return  # none, or both (the schema reports both)
    target = baseline - delta if metric.get("direction") == "decrease" else baseline + delta
    if not 0 < target < 1:
        yield Hit(
            "/primary_metric/minimum_detectable_effect",
            f"the minimum detectable effect moves the rate from {baseline:g} to {target:g}, "
            "outside (0, 1): lower the effect",
        )


def _framing(document: Document, options: RuleOptions) -> Iterator[Hit]:
    metrics = document.value.get("metrics")
    primary = get(metrics, "primary")
    if is_missing(primary, options) or primary == {}:
        detail = "the one-pager has no `metrics.primary`"
        if isinstance(metrics, dict) and "primary" in metrics:
            detail = f"`metrics.primary` {state_of(primary)}"
        yield Hit(
            "/metrics/primary",
            f"{detail}: name the metric that decides success, with a numeric `target_lift`",
        )
        return
    if isinstance(primary, str):
        yield Hit(
            "/metrics/primary",
            fit(
                "`metrics.primary` is a bare name (`{primary}`): add a numeric `target_lift`",
                primary=primary,
            ),
        )
        return
    if isinstance(primary, dict) and is_missing(primary.get("target_lift"), options):
        detail = "`metrics.primary` has no numeric `target_lift`"
        if "target_lift" in primary:
            detail = f"`metrics.primary.target_lift` {state_of(primary['target_lift'])}"
        yield Hit(
            "/metrics/primary/target_lift",
            f"{detail}: say how much the metric must move to count as a success",
        )


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    if document.kind == "problem-framing":
        yield from _framing(document, options)
    else:
        yield from _plan(document, options)


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary=(
        "the primary metric is missing, a bare name, or lacks a numeric baseline and effect "
        "(plan) or `target_lift` (framing)"
    ),
    check=check,
    doc=RuleDoc(
        what=(
            "In an experiment plan, `primary_metric` is missing, a bare name, or lacks a "
            "numeric `baseline` and `minimum_detectable_effect` (and, for a `mean`, a "
            "`std_dev`; a proportion's baseline must be a rate in (0, 1)). In a framing "
            "one-pager, `metrics.primary` is missing, a bare name, or lacks `target_lift`."
        ),
        why=(
            "'Improve engagement' cannot be tested or celebrated. Without a baseline and the "
            "smallest effect worth detecting, nobody can compute how many users or days the "
            "experiment needs, so it is stopped whenever the graph looks good. The PM needs "
            "the target to judge whether the project is worth it, the data scientist needs it "
            "to size the test, and engineering needs it to know how long the flag stays on."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: open_rate\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric:\n"
            "  name: open_rate\n"
            "  type: proportion\n"
            "  baseline: 0.33\n"
            "  minimum_detectable_effect: {relative: 0.02}\n"
        ),
        fix=(
            "Write the primary metric as a mapping with `name`, `type`, `baseline` and "
            "`minimum_detectable_effect` (plan) or `name` and `target_lift` (framing)."
        ),
        options="`placeholders`.",
    ),
)
