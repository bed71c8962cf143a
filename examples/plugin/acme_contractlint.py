"""ACME's contractlint plugin: an example of the plugin API (``contractlint.api``).

It is loaded only when a configuration names it (``plugins: [acme]``) and registers:

- ACME900 ``model-needs-owner-email``: every owner of a model contract is an e-mail
  address (ACME pages owners by e-mail, not by team handle).
- ACME901 ``boom``: raises on a document with ``x-boom: true``, to show that a plugin
  rule that raises is a CL000 finding for that document and the run goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from contractlint.api import Document, Hit, Rule, RuleDoc, RuleOptions, Severity

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def owner_email(document: Document, options: RuleOptions) -> Iterator[Hit]:
    owners = document.value.get("owners")
    if not isinstance(owners, dict):
        return  # a missing `owners` is CL401's
    for role, owner in owners.items():
        if isinstance(owner, str) and options.is_placeholder(owner):
            continue  # a placeholder is CL009's
        if not isinstance(owner, str) or not EMAIL.match(owner.strip()):
            yield Hit(
                f"/owners/{role}",
                f"owner `{role}` is `{owner}`, not an e-mail address; ACME pages owners by e-mail",
            )


def boom(document: Document, options: RuleOptions) -> Iterator[Hit]:
    if document.value.get("x-boom") is True:
        raise RuntimeError("x-boom is set")
    return iter(())


def register() -> list[Rule]:
    """The plugin's rules (the entry point `acme` of the group `contractlint.plugins`)."""
    return [
        Rule(
            code="ACME900",
            name="model-needs-owner-email",
            severity=Severity.WARNING,
            kinds=("model-contract",),
            summary="Every owner of a model contract is an e-mail address.",
            doc=RuleDoc(
                what="Every owner under `owners` is an e-mail address.",
                why="ACME's on-call pages owners by e-mail; a team handle reaches no one.",
                bad="owners:\n  scope: pm-feed@example.com\n  feasibility: '@feed-platform'\n",
                good="owners:\n  scope: pm-feed@example.com\n  feasibility: ml@example.com\n",
                fix="Replace the handle with the owner's e-mail address.",
                url="https://example.com/acme/contract-rules#acme900",
            ),
            check=owner_email,
        ),
        Rule(
            code="ACME901",
            name="boom",
            severity=Severity.ERROR,
            kinds=("model-contract",),
            summary="Raises on a document with `x-boom: true` (a demonstration of CL000).",
            doc=RuleDoc(
                what="Raises on purpose when a document sets `x-boom: true`.",
                why="It shows that a plugin rule that raises is CL000 for that document.",
                bad="x-boom: true\n",
                good="x-boom: false\n",
                fix="Remove `x-boom`.",
            ),
            check=boom,
        ),
    ]
