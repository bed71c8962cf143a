from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, is_missing, quoted

_ROLES = {"scope": "usually the PM", "feasibility": "engineering", "method": "data science"}


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    owners = document.value.get("owners")
    if is_missing(owners, options):
        owners = {}  # `owners: TBD` leaves every decision unowned
    elif not isinstance(owners, dict):
        return  # the schema reports `owners` of the wrong type
    for decision in options.required_owners:
        owner = owners.get(decision)
        if not is_missing(owner, options):
            continue
        role = f" ({_ROLES[decision]})" if decision in _ROLES else ""
        if decision in owners:
            blank = owner is None or not str(owner).strip()
            whose = "an empty owner" if blank else f"a placeholder owner ({quoted(owner)})"
            yield Hit(
                f"/owners/{decision}",
                fit(
                    "the `{decision}` decision{role} has {whose}: name the person or team "
                    "who decides it",
                    decision=decision,
                    role=role,
                    whose=whose,
                ),
            )
        else:
            yield Hit(
                f"/owners/{decision}",
                fit(
                    "nobody owns the `{decision}` decision{role}: add "
                    "`owners.{decision}: <e-mail, @handle or team>`",
                    decision=decision,
                    role=role,
                ),
            )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`owners` lacks `scope`, `feasibility` or `method`, or one is a placeholder",
    check=check,
    doc=RuleDoc(
        what=(
            "For each decision that needs an owner (`scope`, `feasibility` and `method` by "
            "default), `owners` has no entry or a placeholder. One finding per decision."
        ),
        why=(
            "Model launches stall on decisions that everybody assumed somebody else "
            "made: whether the scope is worth it (product), whether it can run within "
            "budget (engineering), whether the method and the evidence are sound (data "
            "science). Naming one owner per decision tells reviewers whom to ask, tells "
            "the team who can say no, and keeps a launch from shipping because nobody "
            "felt entitled to stop it."
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "owners:\n"
            "  scope: pm@example.com\n"
            "  feasibility: TBD\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "owners:\n"
            "  scope: pm@example.com\n"
            "  feasibility: eng@example.com\n"
            "  method: ds@example.com\n"
        ),
        fix=(
            "Add an `owners` mapping with a person or team for each decision: "
            "`owners: {scope: pm@example.com, feasibility: eng@example.com, method: "
            "ds@example.com}`."
        ),
        options="`required-owners` (the decisions that need an owner), `placeholders`.",
    ),
)
