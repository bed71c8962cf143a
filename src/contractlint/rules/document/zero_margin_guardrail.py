from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import fit, is_number, label
from contractlint.rules._guardrails import guardrails


def _ten_percent(document: Document, guardrail: dict[str, object], options: RuleOptions) -> str:
    """With the guardrail's baseline known, what a 10% margin would need per arm (the issue's
    "generous" margin; `contractlint power` gives the smallest margin `per_arm` shows)."""
    from contractlint import power

    if document.kind != "experiment-plan":
        return ""
    probe = _experiment.guardrail_design(
        document.value, {**guardrail, "max_regression": 0.10}, options
    )
    if probe is None:
        return ""
    try:
        return f"; a 10% margin: {power.noninferiority_per_arm(probe):,} per arm"
    except _experiment.UNSIZABLE:
        return ""


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    listed, pointer, _ = guardrails(document)
    if not isinstance(listed, list):
        return
    for index, guardrail in enumerate(listed):
        if not isinstance(guardrail, dict):
            continue
        regression = guardrail.get("max_regression")
        if not (is_number(regression) and regression == 0):
            continue
        message = fit(
            "guardrail {label}: a 0 margin never passes; half of harmless changes fail it",
            label=label(guardrail.get("metric"), f"#{index + 1}"),
        )
        yield Hit(
            f"{pointer}/{index}/max_regression",
            _experiment.within(message, _ten_percent(document, guardrail, options)),
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary=(
        '`max_regression: 0`: as a non-inferiority test it can never pass, and read as "no '
        'observed regression" it fails about half of all harmless changes'
    ),
    check=check,
    doc=RuleDoc(
        what=(
            "A guardrail's `max_regression` is 0. When the guardrail gives its `baseline` "
            "(experiment plans), the message also says, when it fits, what a 10% margin "
            "would need per arm (`contractlint power` gives the smallest margin `per_arm` "
            "can show)."
        ),
        why=(
            "`max_regression: 0` reads as the safest promise, and it is the one no experiment "
            "can keep. Tested properly, as non-inferiority, the margin is the denominator of "
            "the sample size: a margin of zero needs infinitely many units, so the guardrail "
            'can never pass. Read loosely, as "ship only if the guardrail did not get '
            'worse", it is a coin flip: a change with no effect at all shows a worse value '
            "about half the time, so good changes are blocked at random, and teams learn to "
            'ignore the guardrail. A margin agreed in advance ("at most 5% more '
            'unsubscribes") is what makes a guardrail both testable and meaningful. '
            "References: Blackwelder, Proving the null hypothesis in clinical trials, "
            "Controlled Clinical Trials 3 (1982); Kohavi, Tang & Xu, Trustworthy Online "
            "Controlled Experiments (2020), ch. 21."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails:\n"
            "  - {metric: unsubscribe_rate, max_regression: 0.0}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails:\n"
            "  - {metric: unsubscribe_rate, max_regression: 0.30}\n"
        ),
        fix=(
            "Agree on the largest regression you would still ship (relative to the "
            "guardrail's baseline) and write it as `max_regression`; give the `baseline` too "
            "so its power is checked. For a hard limit, use an absolute `max` or `min`."
        ),
    ),
)
