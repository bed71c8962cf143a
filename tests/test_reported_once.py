"""Each problem is reported once, by the rule that owns it (SPEC section 2; issue 19
item 3): emptying any field of a complete document of each kind (`{}`, `[]`, `""`,
`null`, a blank string) never gets the schema's CL003 and another rule's finding for
the same node, nor one rule's finding twice for the same node."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from contractlint import api

from documents import CHECKLIST, EXPERIMENT, MODEL, PROBLEM

EMPTIES = ("{}", "[]", '""', "null", '" "')
KEY = re.compile(r"^(\s*-?\s*)([a-z_]+):\s*(.+)$")


def _emptied(document: str) -> list[tuple[str, str]]:
    """(what was emptied, the document) for each field line and each empty value."""
    lines = document.splitlines()
    out = []
    for index, line in enumerate(lines):
        found = KEY.match(line)
        if not found or found.group(2) == "kind":
            continue
        for empty in EMPTIES:
            changed = [
                *lines[:index],
                f"{found.group(1)}{found.group(2)}: {empty}",
                *lines[index + 1 :],
            ]
            out.append((f"{found.group(2)}: {empty}", "\n".join(changed) + "\n"))
    return out


CASES = [
    (kind, label, text)
    for kind, document in (
        ("model-contract", MODEL),
        ("experiment-plan", EXPERIMENT),
        ("problem-framing", PROBLEM),
        ("acceptance-checklist", CHECKLIST),
    )
    for label, text in _emptied(document)
]


def test_every_field_of_every_kind_is_emptied() -> None:
    assert len(CASES) > 100
    assert {kind for kind, _, _ in CASES} == {
        "model-contract",
        "experiment-plan",
        "problem-framing",
        "acceptance-checklist",
    }


@pytest.mark.parametrize(("kind", "label", "text"), CASES, ids=lambda v: str(v)[:40])
def test_an_emptied_field_is_reported_once(kind: str, label: str, text: str) -> None:
    findings = api.lint_text(text, "contract.yaml")
    by_pointer: dict[str, set[str]] = {}
    for finding in findings:
        by_pointer.setdefault(finding.pointer, set()).add(finding.code)
    for pointer, codes in by_pointer.items():
        assert not ("CL003" in codes and len(codes) > 1), (label, pointer, codes)
    repeated = Counter((f.code, f.pointer, f.message) for f in findings)
    assert all(count == 1 for count in repeated.values()), (label, repeated)
