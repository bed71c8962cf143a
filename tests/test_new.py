"""`contractlint new KIND`: complete templates that parse, pass their schema, and stay
honest (owners and prose are TODO, so CL401 and CL009 fire until they are filled)."""

from __future__ import annotations

from pathlib import Path

import pytest

from contractlint.cli.commands import cli
from contractlint.kinds import KINDS
from contractlint.templates import template

from conftest import cli_runner, codes

# What parsing or the schema would report: a template must never raise these.
BROKEN = {"CL000", "CL001", "CL002", "CL003", "CL004", "CL005", "CL006", "CL007"}


@pytest.mark.parametrize("kind", KINDS)
def test_template_parses_passes_its_schema_and_is_honest(kind, lint_text) -> None:  # type: ignore[no-untyped-def]
    found = codes(lint_text(template(kind), name=f"{kind}.yaml"))
    assert not BROKEN & set(found), found
    assert found.count("CL401") == 3  # one per decision: scope, feasibility, method
    assert "CL009" in found  # the name and the prose are placeholders


@pytest.mark.parametrize("kind", KINDS)
def test_filled_template_raises_nothing(kind, lint_text) -> None:  # type: ignore[no-untyped-def]
    text = template(kind)
    text = text.replace("scope: TODO", "scope: pm@example.com")
    text = text.replace("feasibility: TODO", "feasibility: eng@example.com")
    text = text.replace("method: TODO", "method: ds@example.com")
    text = text.replace("status: todo}", "status: done, evidence: verified in staging}")
    text = text.replace("TODO", "filled in by the team")
    assert codes(lint_text(text, name=f"{kind}.yaml")) == []


def test_new_writes_a_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = cli_runner()
    target = tmp_path / "plan.yaml"
    result = runner.invoke(cli, ["new", "experiment-plan", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == template("experiment-plan")
    again = runner.invoke(cli, ["new", "experiment-plan", "-o", str(target)])
    assert again.exit_code == 2
    forced = runner.invoke(cli, ["new", "experiment-plan", "-o", str(target), "--force"])
    assert forced.exit_code == 0


def test_new_prints_to_stdout_and_rejects_unknown_kinds() -> None:
    runner = cli_runner()
    printed = runner.invoke(cli, ["new", "model-contract"])
    assert printed.exit_code == 0
    assert printed.output == template("model-contract")
    unknown = runner.invoke(cli, ["new", "model-contrat"])
    assert unknown.exit_code == 2
    assert "model-contract" in unknown.stderr


@pytest.mark.parametrize(("kind", "article"), [("experiment-plan", "An"), ("model-contract", "A")])
def test_new_makes_the_folder_it_is_told_to_write_in(
    tmp_path: Path, kind: str, article: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli_runner().invoke(cli, ["new", kind, "-o", "experiments/drafts/new.yaml"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "experiments" / "drafts" / "new.yaml").read_text(encoding="utf-8")
    assert written == template(kind, "yaml")
    assert f"Wrote {article.lower()} {kind} template to experiments/drafts/new.yaml" in (
        result.stderr
    )
    assert not [p for p in (tmp_path / "experiments" / "drafts").iterdir() if p.name != "new.yaml"]
