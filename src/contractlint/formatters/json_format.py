"""Versioned JSON: ``{"version": 1, "tool": ..., "findings": [...], "summary": {...}}``."""

from __future__ import annotations

from contractlint import __version__
from contractlint.formatters import Context
from contractlint.formatters.encode import dumps
from contractlint.results import Report

VERSION = 1


def format_report(report: Report, context: Context) -> str:
    payload = {
        "version": VERSION,
        "tool": {"name": "contractlint", "version": __version__},
        "findings": [finding.to_dict() for finding in report.findings],
        "summary": report.summary(),
    }
    return dumps(payload, findings=len(report.findings)) + "\n"
