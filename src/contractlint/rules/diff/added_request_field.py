from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, quoted
from contractlint.rules._evolution import changes


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    for pointer, (label, value) in changes(old, new, "request").added.items():
        yield Hit(
            pointer,
            fit(
                "`{label}` ({value}) is new: old callers do not send it; version the endpoint",
                label=label,
                value=quoted(value),
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a request field is new: old callers do not send it",
    compare=compare,
    doc=RuleDoc(
        what="`contractlint diff`: the new version's `request` has a field the old one lacked.",
        why=(
            "A new input is only safe when every caller sends it, and callers deploy on their "
            "own schedule. Until they all do, the model receives requests without the field "
            "and either fails or silently predicts from a default the data scientist never "
            "evaluated. Adding inputs needs a version bump or an explicit, tested default."
        ),
        old="kind: model-contract\nname: ranking-service\nrequest: {user_id: string}\n",
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "request: {user_id: string, session_id: string}\n"
        ),
        good="kind: model-contract\nname: ranking-service\nrequest: {user_id: string}\n",
        fix=(
            "Serve the new input under a new version segment, or make the model handle its "
            "absence and suppress the finding with that reason."
        ),
        options=(
            "Only reported by `contractlint diff`, and not when the endpoint moves to a new "
            "version segment (`/v1/rank` -> `/v2/rank`): its callers move on purpose."
        ),
    ),
)
