"""The rules reference page is generated from the registry and must not drift."""

from __future__ import annotations

from pathlib import Path

from contractlint import explain
from contractlint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "rules.md"


def test_rules_page_is_up_to_date() -> None:
    expected = explain.rules_page(RULES)
    actual = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    assert actual == expected, (
        "docs/rules.md is out of date: regenerate it with "
        "`contractlint rules --format markdown > docs/rules.md`"
    )


def test_rules_page_has_a_section_per_rule_with_the_explain_text() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for rule in RULES:
        assert f"## {rule.code} {rule.name}" in page
        assert rule.doc.why in page
        assert rule.doc.fix in page


def test_readme_links_the_rules_page() -> None:
    assert "docs/rules.md" in (ROOT / "README.md").read_text(encoding="utf-8")
