"""SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

- ``tool.driver.rules`` holds every rule (SPEC 5): the built-in ones in code order,
  then the configuration's team and plugin rules, each with its summary,
  explanation (text and Markdown, as ``contractlint explain`` prints it) and
  default level, whether it fired or not (a viewer shows what a run checked, and
  the file does not depend on the findings); a finding of a rule this version does
  not know gets a bare descriptor at the end. Each result points at its rule by
  ``ruleId`` and ``ruleIndex``.
- Artifact URIs are relative to the project root, ``uriBaseId: SRCROOT``, and
  ``originalUriBaseIds`` says where ``SRCROOT`` was; a file outside the project
  gets an absolute ``file://`` URI.
- Regions are 1-based with an exclusive ``endColumn``, counted in UTF-16 code
  units (``columnKind: utf16CodeUnits``, what GitHub and VS Code expect):
  findings count code points, so each column is converted using the line's
  text, read once per file (when the file cannot be read, columns stay in code
  points).
- ``partialFingerprints["contractlint/v1"]`` is the finding's fingerprint, which
  is built from what the finding is about, never from its line: it stays the
  same when lines are added above it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from contractlint import __version__
from contractlint.formatters import Context
from contractlint.formatters.encode import dumps
from contractlint.paths import Folder, file_uri, uri_path
from contractlint.results import Finding, Report, Severity, stable_fingerprint

if TYPE_CHECKING:
    from contractlint.model import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/contractlint/contractlint"
RULES_PAGE = "https://github.com/contractlint/contractlint/blob/main/docs/rules.md"
BASE_ID = "SRCROOT"
FINGERPRINT_KEY = "contractlint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _directory_uri(path: str) -> str:
    uri = file_uri(os.path.abspath(path))
    return uri if uri.endswith("/") else uri + "/"


def artifact_location(path: str, root: Folder) -> dict[str, Any]:
    """Relative to the project root ``root``; a file outside it by its absolute URI."""
    relative = root.by_name(path)
    if relative is None:
        return {"uri": file_uri(root.absolute(path))}
    return {"uri": uri_path(relative), "uriBaseId": BASE_ID}


def help_uri(rule: Rule) -> str:
    """Where the rule is explained: its own page (a team rule's `docs`), else ours."""
    return rule.doc.url or f"{RULES_PAGE}#{rule.code}-{rule.name}".lower()


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    from contractlint import explain  # only for a SARIF report

    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.what},
        "help": {"text": explain.as_text(rule), "markdown": explain.as_markdown(rule)},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.kinds)},
    }
    if not rule.code.startswith("CL") and not rule.doc.url:
        del descriptor["helpUri"]  # a team rule without `docs`: our rules page lacks it
    return descriptor


def _unknown_descriptor(finding: Finding) -> dict[str, Any]:
    """A rule this version does not know (a hand-built finding): id and name only."""
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name or finding.code},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }


def region(finding: Finding) -> dict[str, int]:
    """The finding's region, its columns in UTF-16 code units as the run declares (the
    finding carries them when they differ: no file is read again)."""
    start, end = finding.utf16 if finding.utf16 else (finding.column, finding.end_column)
    return {
        "startLine": max(finding.line, 1),
        "startColumn": max(start, 1),
        "endLine": max(finding.end_line, finding.line, 1),
        "endColumn": max(end, 1),
    }


# The built-in rules' descriptors, made by `rule_descriptor` when a rule's text changes
# (`python -m contractlint.formatters.sarif`; tests/test_ci_formats.py holds the file to
# it): describing every rule takes importing every rule module and writing out every
# explanation, about 45 ms of a report that takes 80.
BUILT_IN_RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sarif_rules.json")


def built_in_descriptors() -> list[dict[str, Any]]:
    """Every built-in rule's descriptor, in code order."""
    import json

    with open(BUILT_IN_RULES, encoding="utf-8") as handle:
        descriptors: list[dict[str, Any]] = json.load(handle)
    return descriptors


def describe_built_in_rules() -> str:
    """The text of :data:`BUILT_IN_RULES`, made from the rules themselves."""
    import json

    from contractlint.rules import RULES

    return json.dumps([rule_descriptor(rule) for rule in RULES], indent=1) + "\n"


def sarif_log(report: Report, context: Context) -> dict[str, Any]:
    # Every rule once (SPEC 5): ours, then the configuration's own (never a `CL` code).
    descriptors = built_in_descriptors()
    known = {descriptor["id"] for descriptor in descriptors}
    descriptors += [rule_descriptor(rule) for rule in context.rules if rule.code not in known]
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    for finding in report.findings:
        if finding.code not in index:
            index[finding.code] = len(descriptors)
            descriptors.append(_unknown_descriptor(finding))
    root = Folder(context.root, context.cwd)
    places: dict[str, dict[str, Any]] = {}  # each file's location, worked out once
    for finding in report.findings:
        if finding.path not in places:
            places[finding.path] = artifact_location(finding.path, root)
    results = [
        {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": places[finding.path],
                        "region": region(finding),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: stable_fingerprint(finding)},
        }
        for finding in report.findings
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "contractlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "columnKind": "utf16CodeUnits",
                "originalUriBaseIds": {BASE_ID: {"uri": _directory_uri(context.root)}},
                "results": results,
            }
        ],
    }


def format_report(report: Report, context: Context) -> str:
    return dumps(sarif_log(report, context), sort_keys=True, findings=len(report.findings)) + "\n"


if __name__ == "__main__":  # regenerate BUILT_IN_RULES after changing a rule's text
    with open(BUILT_IN_RULES, "w", encoding="utf-8") as out:
        out.write(describe_built_in_rules())
