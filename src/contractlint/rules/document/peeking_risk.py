from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import count, get, is_missing, is_number


def _false_positive_rate(document: Document, options: RuleOptions, looks: float) -> str:
    """What peeking costs this plan: its real false-positive rate, computed by integrating
    over the looks (not from a table), or "" when its level is unknown."""
    from contractlint import sequential

    value = document.value
    plan_levels = _experiment.levels(value, options)
    if plan_levels is None or looks != int(looks):
        return ""
    alpha = plan_levels[0]
    two_sided = get(value.get("sample_size"), "alternative") != "one-sided"
    analyses = int(looks) + 1
    shown = min(analyses, sequential.MAX_ANALYSES)
    try:
        rate = sequential.peeking_false_positive_rate(shown, alpha, two_sided)
    except sequential.SequentialError:
        return ""
    more = "over " if shown < analyses else ""
    looked = count(analyses)
    return f": {looked} looks at alpha {alpha:g} give a false-positive rate of {more}{rate:.1%}"


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    value = document.value
    rule = value.get("stopping_rule")
    looks = value.get("interim_looks")
    if rule == "fixed_horizon" and is_number(looks) and looks > 0:
        yield Hit(
            "/interim_looks",
            _experiment.within(
                f"fixed horizon with {count(looks)} interim look(s)"
                f"{_false_positive_rate(document, options, looks)}",
                "; go `sequential`",
            ),
        )
    if rule == "sequential" and is_missing(value.get("sequential_method"), options):
        yield Hit(
            "/sequential_method",
            "a sequential plan without a `sequential_method`: name the method that corrects "
            "for repeated looks",
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="fixed horizon with `interim_looks` > 0, or sequential without `sequential_method`",
    check=check,
    doc=RuleDoc(
        what=(
            "A `fixed_horizon` plan declares `interim_looks` above 0, or a `sequential` plan "
            "names no `sequential_method`."
        ),
        why=(
            "A fixed-horizon test's p-value is only valid when it is computed once, at the end. "
            "Checking it at five interim looks and stopping at the first significant one "
            "raises the false positive rate from 5% to around 14% (8.3% with two analyses, "
            "10.7% with three: Armitage, McPherson & Rowe 1969; the message computes the rate "
            "for the plan's own looks and alpha). Sequential methods (mSPRT, "
            "group-sequential boundaries such as O'Brien-Fleming's or Pocock's) allow "
            "looking, but only if the method is chosen before the first look and the "
            "analysis uses it. References: Armitage, McPherson & Rowe, J. R. Stat. Soc. A "
            "132 (1969); Jennison & Turnbull, Group Sequential Methods (2000); Johari et al., "
            "Peeking at A/B Tests (KDD 2017)."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "stopping_rule: fixed_horizon\n"
            "interim_looks: 3\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "stopping_rule: sequential\n"
            "sequential_method: group_sequential\n"
            "interim_looks: 3\n"
        ),
        fix=(
            "Either analyse once (`interim_looks: 0`) or switch to `stopping_rule: "
            "sequential` and name the `sequential_method`."
        ),
        options="`placeholders`.",
    ),
)
