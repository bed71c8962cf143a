"""JUnit XML, as GitLab (``artifacts:reports:junit``) and Jenkins read it.

One ``<testsuite>`` in a ``<testsuites>``, and one ``<testcase>`` per linted file
(SPEC 5), named by the file's path (``classname`` too; ``file`` relative to the
project root): a file with findings holds one ``<failure>`` per finding (its type
the rule's code, its message and text the finding's text line), a clean contract
file passes, and a file that holds no contract (not linted) is no test. A run with
no finding always has at least one passing testcase, even when it checked no file,
so that the report never reads as "no tests".

``tests`` counts testcases and ``failures`` the failing ones, not the findings:
that is what the attributes mean in the JUnit schema, and what Jenkins and GitLab
count from the testcases themselves, so ``tests - failures`` files passed.

Characters XML 1.0 cannot hold (control characters other than tab, newline and
carriage return; lone surrogates; U+FFFE/U+FFFF) are stripped from all text.
"""

from __future__ import annotations

import re

from contractlint.formatters import Context
from contractlint.paths import Folder
from contractlint.results import Finding, Report

SUITE = "contractlint"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Written by hand, as ElementTree writes it after ``ET.indent`` (two spaces a level):
# building the tree and serializing it cost a 2,000-file report more than linting did.
# ``tests/test_ci_formats.py`` holds the text to ElementTree's on generated reports.
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE = (*_TEXT, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _escaped(value: str, table: tuple[tuple[str, str], ...]) -> str:
    for char, entity in table:  # in this order: `&` first
        if char in value:
            value = value.replace(char, entity)
    return value


def clean(value: str) -> str:
    return _NOT_XML.sub("", value)


def _file_attribute(path: str, root: Folder) -> str:
    """The file relative to the project root (what GitLab links), else the path shown."""
    relative = root.by_name(path)
    return clean(relative if relative is not None else path)


def _attributes(pairs: dict[str, str]) -> str:
    return "".join(f' {name}="{_escaped(value, _ATTRIBUTE)}"' for name, value in pairs.items())


def _testcase(classname: str, name: str, file: str = "") -> dict[str, str]:
    attributes = {"classname": clean(classname), "name": clean(name)}
    if file:
        attributes["file"] = file
    return attributes


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name} ({number})"
    used.add(candidate)
    return candidate


def _failure(finding: Finding) -> str:
    line = clean(
        f"{finding.path}:{finding.line}:{finding.column}: {finding.code} "
        f"[{finding.severity.value}] {finding.message} ({finding.name})"
    )
    attributes = _attributes({"type": clean(finding.code), "message": line})
    return f"      <failure{attributes}>{_escaped(line, _TEXT)}</failure>"


def format_report(report: Report, context: Context) -> str:
    # The files linted (SPEC 5): those holding a contract; a file skipped because it
    # holds none (a Kubernetes manifest, package-lock.json) is no test.
    by_path: dict[str, list[Finding]] = {r.path: [] for r in report.files if r.documents}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)

    cases: list[str] = []
    used: set[str] = set()  # two paths may be equal once cleaned
    failures = 0
    project = Folder(context.root, context.cwd)
    for path, findings in by_path.items():
        case = _attributes(
            _testcase(path, _unique(clean(path), used), _file_attribute(path, project))
        )
        if not findings:
            cases.append(f"    <testcase{case} />")
            continue
        failures += 1
        cases.append(
            "\n".join([f"    <testcase{case}>", *map(_failure, findings), "    </testcase>"])
        )
    if not cases:
        cases.append(f"    <testcase{_attributes(_testcase(SUITE, 'no problems found'))} />")

    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "time": "0"}
    return "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f"<testsuites{_attributes({'name': SUITE, **counts})}>\n",
            f"  <testsuite{_attributes({'name': SUITE, **counts, 'skipped': '0'})}>\n",
            *(case + "\n" for case in cases),
            "  </testsuite>\n",
            "</testsuites>\n",
        ]
    )
