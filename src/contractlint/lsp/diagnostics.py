"""Findings as LSP diagnostics: the finding's code, message and severity unchanged, its
span through :mod:`.positions`, a link to the rule's documentation, and the whole
finding as ``data`` (what the code actions and the parity tests read back)."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from contractlint.formatters.sarif import help_uri
from contractlint.model import Rule
from contractlint.results import Finding, Severity
from contractlint.rules import lookup

from .positions import Text

SOURCE = "contractlint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def docs_link(code: str, extra: Sequence[Rule] = (), template: str = "") -> str:
    """Where the rule ``code`` is explained: its own ``docs``, else the template
    (``{code}`` and ``{name}`` filled in, nothing else), else contractlint's rules page
    for a built-in rule; "" for a team rule without ``docs``."""
    rule = lookup(code, extra)
    if rule is None:
        return ""
    if rule.doc.url:
        return rule.doc.url
    if template:
        return template.replace("{code}", rule.code).replace("{name}", rule.name)
    return help_uri(rule) if rule.code.startswith("CL") else ""


def diagnostic(
    finding: Finding, text: Text, extra: Sequence[Rule] = (), template: str = ""
) -> types.Diagnostic:
    link = docs_link(finding.code, extra, template)
    return types.Diagnostic(
        range=text.range_of(finding),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        data=finding.to_dict(),
    )


def diagnostics(
    findings: Sequence[Finding], text: Text, extra: Sequence[Rule] = (), template: str = ""
) -> list[types.Diagnostic]:
    return [diagnostic(f, text, extra, template) for f in findings]
