from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import count, is_missing, is_number


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    arms = document.value.get("arms")
    if not (is_number(arms) and arms > 2 and arms == int(arms)):
        return  # two arms, or a count the schema rejects (`2.5`)
    if is_missing(document.value.get("correction"), options):
        yield Hit(
            "/correction",
            f"{count(arms)} arms make {count(arms - 1)} comparisons with control and no "
            "`correction`: false wins add up; add `correction: bonferroni`",
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="arms > 2 and no `correction`",
    check=check,
    doc=RuleDoc(
        what="The plan has more than two arms and names no `correction` (or `none`).",
        why=(
            "With four variants against control at alpha 0.05, the chance that at least one "
            "looks significant by luck is about 16%, not 5% (15.6% for equal arms: the "
            "comparisons share the control, so it is below the 19% of four independent "
            "tests). Without a correction the "
            "experiment is very likely to crown a winner that is noise. A correction such as "
            "Bonferroni keeps the overall false positive rate where the plan claims it is, "
            "and the sample size (CL302) must be computed with the corrected alpha."
        ),
        bad="kind: experiment-plan\nname: subject-lines\narms: 4\n",
        good="kind: experiment-plan\nname: subject-lines\narms: 4\ncorrection: bonferroni\n",
        fix=(
            "Add `correction: bonferroni`, which CL302 sizes at alpha / (arms - 1). With "
            "`holm`, size the test the same way yourself: its first step is Bonferroni's, and "
            "CL302 does not lower alpha for it."
        ),
        options="`placeholders` (`none` counts as no correction).",
    ),
)
