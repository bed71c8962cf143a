"""A rule's explanation in text, Markdown or JSON: one source for ``explain``,
``rules``, the rules page and (later) SARIF's rule help."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from contractlint.model import Rule

FIX_NOTE = {True: "Yes: `contractlint check --fix` fixes it.", False: "No: fix it by hand."}


def as_dict(rule: Rule) -> dict[str, Any]:
    data = rule.to_dict()
    data.update(
        {
            "what": rule.doc.what,
            "why": rule.doc.why,
            "failing_example": rule.doc.bad,
            "passing_example": rule.doc.good,
            "how_to_fix": rule.doc.fix,
            "fixable_by_fix": rule.fixable,
            "options": rule.doc.options,
        }
    )
    return data


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, width=78, break_on_hyphens=False))


def _indent(code: str) -> str:
    return textwrap.indent(code.rstrip("\n"), "    ")


def as_text(rule: Rule) -> str:
    kinds = ", ".join(rule.kinds)
    parts: list[str] = [
        f"{rule.code} {rule.name} [{rule.severity.value}]",
        f"Applies to: {kinds}",
        "",
        _wrap(rule.doc.what),
        "",
        "Why it matters",
        _wrap(rule.doc.why),
    ]
    if rule.doc.bad:
        parts += ["", "Failing example", _indent(rule.doc.bad)]
    if rule.doc.good:
        parts += ["", "Passing example", _indent(rule.doc.good)]
    parts += ["", "How to fix", _wrap(rule.doc.fix), "", "Fixable by --fix", FIX_NOTE[rule.fixable]]
    if rule.doc.options:
        parts += ["", "Configuration", _wrap(rule.doc.options)]
    return "\n".join(parts) + "\n"


def as_markdown(rule: Rule, level: int = 1) -> str:
    head = "#" * level
    sub = "#" * (level + 1)
    parts: list[str] = [
        f"{head} {rule.code} {rule.name}",
        "",
        f"Severity: **{rule.severity.value}** · Applies to: {', '.join(rule.kinds)} · "
        f"Fixable: {'yes' if rule.fixable else 'no'}",
        "",
        rule.doc.what,
        "",
        f"{sub} Why it matters",
        "",
        rule.doc.why,
    ]
    if rule.doc.bad:
        parts += ["", f"{sub} Failing example", "", "```yaml", rule.doc.bad.rstrip("\n"), "```"]
    if rule.doc.good:
        parts += ["", f"{sub} Passing example", "", "```yaml", rule.doc.good.rstrip("\n"), "```"]
    parts += ["", f"{sub} How to fix", "", rule.doc.fix, "", f"{sub} Fixable by `--fix`", ""]
    parts += [FIX_NOTE[rule.fixable]]
    if rule.doc.options:
        parts += ["", f"{sub} Configuration", "", rule.doc.options]
    return "\n".join(parts) + "\n"


def as_json(rule: Rule) -> str:
    return json.dumps(as_dict(rule), indent=2, ensure_ascii=False) + "\n"
