from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import is_missing


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    listed = document.value.get("options")
    if is_missing(listed, options):
        listed = None  # `options: TBD` lists none
    if listed is not None and not isinstance(listed, list):
        return  # the schema reports the wrong type
    listed = listed or []
    names = [o.get("name") for o in listed if isinstance(o, dict)]
    # An option that is no mapping (`[baseline, simple]`) is the schema's to report: its
    # name cannot be read, so whether one is the baseline is not known.
    few = len(listed) < 3
    unnamed = len(names) == len(listed) and "baseline" not in names
    if not (few or unnamed):
        return
    count = {0: "no options", 1: "1 option"}.get(len(listed), f"{len(listed)} options")
    if few and unnamed:
        problem = f"`options` lists {count} and no `baseline`"
    elif few:
        problem = f"`options` lists only {count}"
    else:
        problem = f"none of the {count} is named `baseline`"
    yield Hit(
        "/options",
        f"{problem}: compare a `baseline`, a simple and an advanced option",
    )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="fewer than three options, or none named `baseline`",
    check=check,
    doc=RuleDoc(
        what=(
            "`options` lists fewer than three scope options, or none of them is named `baseline`."
        ),
        why=(
            "A framing with one option is a proposal, not a choice. Comparing a baseline (a "
            "heuristic, popularity, the current rule), a simple model and an advanced one is "
            "how a team finds out that 80% of the value costs 20% of the effort, and the "
            "baseline is what every later model has to beat to justify its complexity."
        ),
        bad=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "options:\n"
            "  - {name: advanced, description: learning-to-rank, estimate_weeks: 6}\n"
        ),
        good=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "options:\n"
            "  - {name: baseline, description: popularity re-rank, estimate_weeks: 1}\n"
            "  - {name: simple, description: logistic re-ranker, estimate_weeks: 2}\n"
            "  - {name: advanced, description: learning-to-rank, estimate_weeks: 6}\n"
        ),
        fix=(
            "List at least three options, one of them named `baseline` (what happens without "
            "the project): a `baseline`, a simple and an advanced option, so the scope owner "
            "can choose."
        ),
    ),
)
