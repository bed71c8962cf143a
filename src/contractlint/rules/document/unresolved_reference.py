from __future__ import annotations

from collections.abc import Iterator

from contractlint.kinds import with_article
from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import dotted, fit

_WHY = {
    "missing": "does not exist",
    "outside": "leaves the project root, so it was not read",
    "unreadable": "cannot be read",
    "wrong-kind": "is not {kind}",
}


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    for reference in document.references:
        if reference.status == "ok":
            continue
        what = _WHY[reference.status].format(kind=with_article(reference.expected_kind))
        short = "`{field}: {path}` " + what
        yield Hit(
            reference.pointer,
            fit(
                short + (" ({detail})" if reference.detail else ""),
                short,
                field=dotted(reference.pointer),
                path=reference.written,
                detail=reference.detail,
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a reference does not exist, leaves the project root, or is not of the expected kind",
    check=check,
    doc=RuleDoc(
        what=(
            "`contract:` (experiment plan, acceptance checklist) or `validation.online` "
            "(framing one-pager, when it names a .yaml/.yml/.json file) points at a file "
            "that does not exist, cannot be read, lies outside the project root, or holds no "
            "document of the expected kind (a model-contract; an experiment-plan for "
            "`validation.online`). Paths are relative to the referring file."
        ),
        why=(
            "References are how the documents of one launch hang together: the checklist "
            "verifies a specific contract, the experiment measures a specific model. A "
            "reference that broke in a rename silently detaches them, and checks that rely on "
            "it (such as CL605) stop running. A path that leaves the repository is never "
            "followed, so a document cannot make the linter read files it should not."
        ),
        bad=(
            "kind: acceptance-checklist\n"
            "name: ranking-service-v2-launch\n"
            "contract: ../../../etc/passwd\n"
        ),
        good="kind: acceptance-checklist\nname: ranking-service-v2-launch\n",
        fix=(
            "Correct the path (relative to the referring file) so that it names a file of the "
            "expected kind inside the repository, or remove the reference."
        ),
        options=(
            "The project root is the folder of the config file, else the git top level, else "
            "the current directory."
        ),
    ),
)
