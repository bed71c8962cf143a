"""Code actions and diagnostics in process (lsprotocol only, Python 3.9 too): each
suppression, applied, silences its finding and nothing else, with and without
``require-suppression-reason``; documentation links follow the rule's own ``docs``,
then the template, then contractlint's rules page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from contractlint import api
from contractlint.config import Config
from contractlint.lsp import actions
from contractlint.lsp.diagnostics import docs_link
from contractlint.lsp.positions import Text
from contractlint.lsp.workspace import Project

MODEL = """\
kind: model-contract
name: ranking-service
version: 1.10
owners:
  scope: pm@example.com
  feasibility: TBD
  method: ds@example.com
endpoint: /rank
timeout_ms: 300
"""


def everything(text: str) -> types.Range:
    end = Text(text).at_offset(len(text))
    return types.Range(start=types.Position(line=0, character=0), end=end)


@pytest.mark.parametrize("reason", [False, True], ids=["plain", "reason-required"])
def test_each_suppression_silences_its_finding_and_nothing_else(
    tmp_path: Path, reason: bool
) -> None:
    (tmp_path / ".contractlint.yaml").write_text(
        f"require-suppression-reason: {'true' if reason else 'false'}\n", encoding="utf-8"
    )
    path = str(tmp_path / "model.yaml")
    config = api.load_config(start=str(tmp_path))
    findings = api.lint_text(MODEL, path, config)
    assert len({f.code for f in findings}) >= 5
    buffer = actions.Buffer("file:///model.yaml", path, Text(MODEL), tuple(findings))
    project = Project(str(tmp_path), config)
    found = actions.code_actions(
        buffer, everything(MODEL), [types.CodeActionKind.QuickFix], project
    )
    disabling = [a for a in found if a.title.startswith("Disable")]
    assert len(disabling) >= 2 * len({f.code for f in findings})
    for action in disabling:
        assert action.edit is not None and action.edit.changes is not None
        text = actions.apply_text_edits(Text(MODEL), action.edit.changes["file:///model.yaml"])
        assert ("-- TODO: say why" in text) is reason
        code = action.title.split()[1]
        after = [f.code for f in api.lint_text(text, path, config)]
        before = [f.code for f in findings]
        if action.title.endswith("in this file"):
            assert code not in after, (action.title, after)
        else:
            assert after.count(code) == before.count(code) - 1, (action.title, after)
        assert sorted(after + [code] * (before.count(code) - after.count(code))) == sorted(before)


def test_a_finding_about_a_suppression_is_not_offered_another_one(tmp_path: Path) -> None:
    """CL008 (an unused directive) and CL010 (an expired one): another directive would
    only be one more CL008; each of the other findings' actions still works."""
    path = str(tmp_path / "model.yaml")
    config = api.load_config(start=str(tmp_path))
    lines = MODEL.split("\n")
    lines[1] += "  # contractlint: disable=CL003"  # nothing to suppress there: CL008
    lines.insert(0, "# contractlint: disable-file=CL101 until=2020-01-01")  # expired: CL010
    text = "\n".join(lines)
    findings = tuple(api.lint_text(text, path, config))
    assert {"CL008", "CL010"} <= {f.code for f in findings}
    buffer = actions.Buffer("file:///model.yaml", path, Text(text), findings)
    found = actions.code_actions(
        buffer, everything(text), [types.CodeActionKind.QuickFix], Project(str(tmp_path), config)
    )
    titles = [a.title for a in found]
    assert not [t for t in titles if t.startswith(("Disable CL008", "Disable CL010"))], titles
    assert [t for t in titles if t.startswith("Disable CL1")]


def test_a_wide_range_gets_the_first_findings_quick_fixes_and_fix_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each quick fix is verified by a parse: a whole file of findings would take the
    server minutes (quadratic); a range gets the first MOST_QUICK_FIXES findings'."""
    path = str(tmp_path / "many.yaml")
    config = api.load_config(start=str(tmp_path))
    text = "---\n".join([MODEL] * 12)
    findings = tuple(api.lint_text(text, path, config))
    assert len(findings) > 5 * actions.MOST_QUICK_FIXES
    parsed: list[str] = []
    real = actions.linting.documents

    def counted(text: str, path: str, config: Config) -> Any:
        parsed.append(path)
        return real(text, path, config)

    monkeypatch.setattr(actions.linting, "documents", counted)
    buffer = actions.Buffer("file:///many.yaml", path, Text(text), findings)
    found = actions.code_actions(buffer, everything(text), None, Project(str(tmp_path), config))
    # One parse of the buffer, then at most two checks (line and file) a finding.
    assert len(parsed) <= 1 + 2 * actions.MOST_QUICK_FIXES
    assert any(a.title.startswith("Disable") for a in found)
    assert any(a.kind == types.CodeActionKind.SourceFixAll for a in found)


def test_no_baseline_action_without_a_baseline(tmp_path: Path) -> None:
    path = str(tmp_path / "model.yaml")
    config = api.load_config(start=str(tmp_path))
    findings = tuple(api.lint_text(MODEL, path, config))
    buffer = actions.Buffer("file:///model.yaml", path, Text(MODEL), findings)
    titles = [
        a.title
        for a in actions.code_actions(
            buffer, everything(MODEL), None, Project(str(tmp_path), config)
        )
    ]
    assert not [t for t in titles if "baseline" in t]
    assert actions.FIX_ALL_TITLE in titles  # CL005 is fixable


def test_a_comment_that_would_change_a_value_is_not_offered(tmp_path: Path) -> None:
    # The second item starts inside the line break of a multi-line quoted scalar: a
    # comment line inserted above it would become part of the string.
    text = 'kind: model-contract\nname: x\nmonitoring: ["latency,\n  p95", TBD]\n'
    path = str(tmp_path / "model.yaml")
    config = api.load_config(start=str(tmp_path))
    findings = tuple(f for f in api.lint_text(text, path, config) if f.line == 4)
    assert findings  # the placeholder TBD, on line 4
    buffer = actions.Buffer("file:///model.yaml", path, Text(text), findings)
    titles = [
        a.title
        for a in actions.code_actions(
            buffer, everything(text), None, Project(str(tmp_path), config)
        )
    ]
    assert not [t for t in titles if t.endswith("on this line")]
    assert [t for t in titles if t.endswith("in this file")]


def test_documentation_links() -> None:
    assert docs_link("CL101").endswith("docs/rules.md#cl101-missing-fallback")
    assert docs_link("missing-fallback", template="https://d.example/{code}/{name}") == (
        "https://d.example/CL101/missing-fallback"
    )
    assert docs_link("CL999") == ""


@pytest.mark.parametrize(
    "text",
    [
        '{\n  "kind": "model-contract",\n  "name": "x",\n  "endpoint": "/rank"\n}\n',
        '{"kind": "model-contract", "name": "x", "endpoint": "/rank"}\n',
        '{\n  "kind": "model-contract",\n  "x-contractlint-ignore": {"CL503": "internal"},\n'
        '  "name": "x",\n  "endpoint": "/rank"\n}\n',
        '{"kind": "model-contract", "name": "x", "x-contractlint-ignore": {}}\n',
    ],
    ids=["block", "one-line", "entry-added", "empty-table"],
)
def test_json_suppressions_add_an_x_contractlint_ignore_entry(tmp_path: Path, text: str) -> None:
    path = str(tmp_path / "model.json")
    config = api.load_config(start=str(tmp_path))
    findings = tuple(api.lint_text(text, path, config))
    buffer = actions.Buffer("file:///model.json", path, Text(text), findings)
    project = Project(str(tmp_path), config)
    offered = [
        a
        for a in actions.code_actions(buffer, everything(text), None, project)
        if "x-contractlint-ignore" in a.title
    ]
    assert len(offered) == len({f.code for f in findings})
    for action in offered:
        assert action.edit is not None and action.edit.changes is not None
        fixed = actions.apply_text_edits(Text(text), action.edit.changes["file:///model.json"])
        code = action.title.split()[1]
        after = [f.code for f in api.lint_text(fixed, path, config)]
        assert code not in after and set(after) <= {f.code for f in findings}, (fixed, after)


def test_one_baseline_action_a_code_holds_its_findings_here(tmp_path: Path) -> None:
    text = "kind: model-contract\nname: x\n"  # three CL401 (no owners) on line 1, and more
    path = str(tmp_path / "model.yaml")
    config = api.load_config(start=str(tmp_path))
    findings = tuple(api.lint_text(text, path, config))
    unowned = [f.fingerprint for f in findings if f.code == "CL401"]
    assert len(unowned) == 3
    buffer = actions.Buffer("file:///model.yaml", path, Text(text), findings)
    project = Project(str(tmp_path), config, baseline_path=str(tmp_path / "baseline.json"))
    offered = actions.code_actions(buffer, everything(text), None, project)
    baselining = [a for a in offered if a.title.endswith("to the baseline")]
    assert len(baselining) == len({f.code for f in findings})
    action = next(a for a in baselining if a.title == "Add CL401 to the baseline")
    assert action.command is not None
    assert action.command.arguments == ["file:///model.yaml", *unowned]
