"""Hypothesis property: ``x-contractlint-ignore`` for the codes a single edit raises
silences them all (the edit table: ``strategies.py``).
"""

from __future__ import annotations

from hypothesis import given

from strategies import PROPERTY_SETTINGS, any_edit, fmt, lint_case, shown


@PROPERTY_SETTINGS
@given(edit=any_edit, how=fmt)
def test_ignoring_what_an_edit_raises_leaves_nothing(lint_text, edit, how):
    case, expected, label = edit
    if not expected or expected.keys() & {"CL002", "CL008"}:
        return  # nothing to ignore, a document that is not ours, or the ignore itself
    case.doc["x-contractlint-ignore"] = {code: "accepted for the pilot" for code in expected}
    findings = lint_case(lint_text, case, how)
    assert shown(findings) == [], label
