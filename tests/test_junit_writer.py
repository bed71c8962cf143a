"""The JUnit report is written by hand (``formatters/junit.py``) for speed; its text
must be exactly what ElementTree writes for the same tree after ``ET.indent``. The
tree is built here with ElementTree, as the oracle: a testcase per linted file, a
failure per finding (SPEC 5)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint import api
from contractlint.formatters import Context, junit
from contractlint.paths import Folder
from contractlint.results import FileResult, Finding, Report, Severity

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def oracle(report: Report, context: Context) -> str:
    by_path: dict[str, list[Finding]] = {r.path: [] for r in report.files if r.documents}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    root = ET.Element("testsuites", {"name": junit.SUITE})
    suite = ET.SubElement(root, "testsuite", {"name": junit.SUITE})
    used: set[str] = set()
    tests = failures = 0
    project = Folder(context.root, context.cwd)

    def testcase(classname: str, name: str, file: str = "") -> ET.Element:
        attributes = {"classname": junit.clean(classname), "name": junit.clean(name)}
        if file:
            attributes["file"] = file
        return ET.SubElement(suite, "testcase", attributes)

    for path, findings in by_path.items():
        relative = project.by_name(path)
        file = junit.clean(relative if relative is not None else path)
        case = testcase(path, junit._unique(junit.clean(path), used), file)
        tests += 1
        failures += bool(findings)
        for f in findings:
            where = f"{f.path}:{f.line}:{f.column}"
            line = junit.clean(f"{where}: {f.code} [{f.severity.value}] {f.message} ({f.name})")
            failure = ET.SubElement(case, "failure", {"type": junit.clean(f.code), "message": line})
            failure.text = line
    if tests == 0:
        testcase(junit.SUITE, "no problems found")
        tests = 1
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "time": "0"}
    root.attrib.update(counts)
    suite.attrib.update({**counts, "skipped": "0"})
    ET.indent(root)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(root, encoding="unicode")}\n'


def test_the_examples_are_written_as_elementtree_writes_them() -> None:
    report = api.lint_paths([str(EXAMPLES)])
    context = Context(root=str(EXAMPLES), cwd=str(EXAMPLES.parent))
    assert report.findings and report.files
    assert junit.format_report(report, context) == oracle(report, context)


awkward = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("&<>\"'\r\n\t\x00\x1b\x7f\ufffe\U0001f600 ")),
    ),
    max_size=10,
)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    paths = draw(st.lists(awkward, min_size=0, max_size=3, unique=True))
    findings = [
        Finding(
            path=path,
            line=draw(st.integers(1, 3)),
            column=draw(st.integers(1, 3)),
            end_line=1,
            end_column=2,
            code=draw(st.sampled_from(["CL101", "CL003", "ACME001"])),
            name=draw(awkward),
            severity=draw(st.sampled_from(list(Severity))),
            message=draw(awkward),
        )
        for path in paths
        for _ in range(draw(st.integers(0, 2)))
    ]
    files = tuple(
        FileResult(path, tuple(f for f in findings if f.path == path), 1) for path in paths
    )
    return Report(files, tuple(findings))


@settings(max_examples=200, deadline=None)
@given(report=reports())
def test_generated_reports_are_written_as_elementtree_writes_them(report: Report) -> None:
    context = Context(root="/project", cwd="/project")
    written = junit.format_report(report, context)
    assert written == oracle(report, context)
    ET.fromstring(written.split("\n", 1)[1])  # and it parses
