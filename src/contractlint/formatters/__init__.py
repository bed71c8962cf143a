"""Output formats: one pure function per format, ``Report -> str``."""

from __future__ import annotations

from typing import Callable

from contractlint.formatters import json_format, text
from contractlint.model import Report

Formatter = Callable[[Report, bool], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.format_report,
    "json": json_format.format_report,
}
