from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import is_empty


def _is_srm(check: object) -> bool:
    if not isinstance(check, str):
        return False
    name = _experiment.fold(check)
    return (
        name in _experiment.SRM_CHECKS
        or any(part in _experiment.SRM_CHECKS for part in name.split("_"))
        or "sample_ratio" in name
    )


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    listed = document.value.get("data_quality")
    if not isinstance(listed, list) or is_empty(listed, options):
        return  # missing or empty (CL310), or rejected by the schema
    if any(_is_srm(item) for item in listed):
        return
    yield Hit(
        "/data_quality",
        "`data_quality` names no sample-ratio-mismatch check: add `srm` and run it before "
        "reading any result",
    )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary=(
        "`data_quality` names no sample-ratio-mismatch check (`srm`, `sample_ratio_mismatch`)"
    ),
    check=check,
    doc=RuleDoc(
        what=(
            "`data_quality` lists checks, but none is a sample-ratio-mismatch check (an "
            "entry named `srm` or `sample_ratio_mismatch`, or containing either)."
        ),
        why=(
            "A sample ratio mismatch (50.6% of users in one arm of a 50/50 test) means "
            "assignment or logging lost users in one arm and not the other: a redirect that "
            "drops slow devices, a bot filter that fires on the new page, a crash before the "
            "exposure is logged. The users lost are never random, so every metric of the "
            "test is biased, often by more than the effect being measured. Microsoft's "
            "experimentation platform found SRMs in about 6% of its experiments, and runs "
            "the check on every one. It costs one chi-squared test. References: Fabijan et "
            "al., Diagnosing Sample Ratio Mismatch in Online Controlled Experiments (KDD "
            "2019); Kohavi, Tang & Xu, Trustworthy Online Controlled Experiments (2020), "
            "ch. 21."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "data_quality: [bounces, client_blocking, timestamp_skew]\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "data_quality: [srm, bounces, client_blocking, timestamp_skew]\n"
        ),
        fix="Add `srm` to `data_quality`, and block the analysis when its p-value is tiny.",
    ),
)
