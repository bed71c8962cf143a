from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import _experiment, registered
from contractlint.rules._common import fit, is_missing, is_number


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    from contractlint import power

    value = document.value
    method = value.get("sequential_method")
    if value.get("stopping_rule") != "sequential" or is_missing(method, options):
        return  # fixed horizon, or no method at all (CL306)
    if not isinstance(method, str) or not isinstance(value.get("interim_looks", 0), int):
        return  # rejected by the schema
    analyses = value.get("interim_looks", 0) + 1
    if power.computes_cost(power.normalized_method(method), analyses):
        return  # its cost is computed (CL302)
    factor = value.get("inflation_factor")
    if is_number(factor) or (factor is not None and not is_missing(factor, options)):
        return  # given, or a value the schema rejects
    looks = f" with {analyses:,} analyses" if analyses > power.MAX_COMPUTED_ANALYSES else ""
    message = fit(
        "`sequential_method: {method}`{looks} has no `inflation_factor`: its sample-size "
        "cost, so the required n, is unknown",
        "`sequential_method: {method}`{looks} has no `inflation_factor`: the required n is unknown",
        method=method,
        looks=looks,
    )
    yield Hit("/sequential_method", _experiment.within(message, "; give the factor"))


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary=(
        "`sequential` with a method whose sample-size cost is not computed and no "
        "`inflation_factor`: the required n is unknown"
    ),
    check=check,
    doc=RuleDoc(
        what=(
            "A `sequential` plan names a `sequential_method` other than `obrien_fleming` or "
            "`pocock` (whose cost contractlint computes), such as `msprt` or "
            "`group_sequential`, and gives no `inflation_factor`."
        ),
        why=(
            "Looking early is paid for in sample size: to keep the false-positive rate at "
            "alpha with several analyses, every sequential design needs more units at its "
            "last analysis than a fixed-horizon test (about 2% more for O'Brien-Fleming with "
            "three looks, 17% for Pocock, often 30% or more for an always-valid mSPRT at the "
            "same power). A plan sized with the fixed-horizon formula and analysed "
            "sequentially is underpowered by that factor, silently. Stating the factor makes "
            "the required n checkable. References: Jennison & Turnbull, Group Sequential "
            "Methods with Applications to Clinical Trials (2000), ch. 2 and 7; Johari, "
            "Pekelis & Walsh, Always Valid Inference (Operations Research, 2022)."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "stopping_rule: sequential\n"
            "sequential_method: msprt\n"
            "interim_looks: 4\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "stopping_rule: sequential\n"
            "sequential_method: msprt\n"
            "interim_looks: 4\n"
            "inflation_factor: 1.35\n"
        ),
        fix=(
            "Add the design's `inflation_factor` (from the tool that designed it), or switch "
            "to `sequential_method: obrien_fleming` or `pocock` so contractlint computes it."
        ),
        options="`placeholders`.",
    ),
)
