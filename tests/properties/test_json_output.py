"""Hypothesis property: the JSON output round-trips to the same findings."""

from __future__ import annotations

import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint.formatters import Context
from contractlint.formatters.json_format import format_report
from contractlint.pipeline.discover import Target
from contractlint.results import Finding, Severity
from contractlint.run.runner import lint

from conftest import TODAY
from strategies import CONFIG, a_file, written_files


@settings(max_examples=25, deadline=None)
@given(st.lists(a_file(), min_size=1, max_size=4))
def test_json_output_round_trips(files):
    named = {f"f{i}.{suffix}": data for i, (suffix, data) in enumerate(files)}
    with written_files(named) as folder:
        report = lint([Target(os.path.join(folder, n), n) for n in named], CONFIG, TODAY)
    payload = json.loads(format_report(report, Context()))
    assert payload["version"] == 1
    assert payload["findings"] == [f.to_dict() for f in report.findings]
    rebuilt = [Finding(**{**d, "severity": Severity(d["severity"])}) for d in payload["findings"]]
    # Everything but the UTF-16 columns, which only SARIF writes.
    assert rebuilt == [f._replace(utf16=()) for f in report.findings]
    assert payload["summary"] == report.summary()
    assert payload["summary"]["findings"] == len(report.findings)
