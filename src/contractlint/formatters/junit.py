"""JUnit XML, as GitLab (``artifacts:reports:junit``) and Jenkins read it.

One ``<testsuite>`` in a ``<testsuites>``. A file with findings gets one
``<testcase>`` per finding, named ``path:line:col CODE name`` with the file's path
as ``classname``, holding a ``<failure>`` (GitLab keeps only the first of
testcases with equal names, so a testcase per file holding several failures
would lose all but one); a clean file gets one passing testcase named by its
path. A run with no finding always has at least one passing testcase, even when
it checked no file, so that the report never reads as "no tests".

Characters XML 1.0 cannot hold (control characters other than tab, newline and
carriage return; lone surrogates; U+FFFE/U+FFFF) are stripped from all text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from contractlint.formatters import Context
from contractlint.paths import Folder
from contractlint.results import Finding, Report

SUITE = "contractlint"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(value: str) -> str:
    return _NOT_XML.sub("", value)


def _file_attribute(path: str, root: Folder) -> str:
    """The file relative to the project root (what GitLab links), else the path shown."""
    relative = root.by_name(path)
    return clean(relative if relative is not None else path)


def _testcase(parent: ET.Element, classname: str, name: str, file: str = "") -> ET.Element:
    attributes = {"classname": clean(classname), "name": clean(name)}
    if file:
        attributes["file"] = file
    return ET.SubElement(parent, "testcase", attributes)


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name} ({number})"
    used.add(candidate)
    return candidate


def format_report(report: Report, context: Context) -> str:
    by_path: dict[str, list[Finding]] = {result.path: [] for result in report.files}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)

    root = ET.Element("testsuites", {"name": SUITE})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE})
    used: set[str] = set()
    tests = failures = 0
    project = Folder(context.root, context.cwd)
    for path, findings in by_path.items():
        file = _file_attribute(path, project)
        if not findings:
            _testcase(suite, path, _unique(clean(path), used), file)
            tests += 1
            continue
        for f in findings:
            name = _unique(clean(f"{f.path}:{f.line}:{f.column} {f.code} {f.name}"), used)
            case = _testcase(suite, path, name, file)
            failure = ET.SubElement(
                case, "failure", {"type": clean(f.code), "message": clean(f.message)}
            )
            failure.text = clean(
                f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] "
                f"{f.message} ({f.name})"
            )
            tests += 1
            failures += 1
    if tests == 0:
        _testcase(suite, SUITE, "no problems found")
        tests = 1

    counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "time": "0"}
    root.attrib.update(counts)
    suite.attrib.update({**counts, "skipped": "0"})
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
