from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, is_missing, quoted, where_missing


def _absent(fallback: Any, options: RuleOptions) -> bool:
    """Missing as CL101 sees it: absent, a placeholder, or a mapping without a strategy."""
    if isinstance(fallback, dict):
        return is_missing(fallback.get("strategy"), options)
    return is_missing(fallback, options)


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    was, now = old.value.get("fallback"), new.value.get("fallback")
    if _absent(was, options):
        return
    if _absent(now, options):
        if "fallback" not in new.value:
            now_text = "is now gone"
        elif now in (None, {}) or (isinstance(now, str) and not now.strip()):
            now_text = "is now empty"
        elif isinstance(now, dict):
            now_text = "now names no `strategy`"
        else:
            now_text = f"is now {quoted(now)}"
        yield Hit(
            where_missing(new.value, "", "fallback"),
            fit(
                "`fallback` was {was} and {now}: restore what callers get when the model fails",
                was=quoted(was.get("strategy") if isinstance(was, dict) else was),
                now=now_text,
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`fallback` was set and is gone",
    compare=compare,
    doc=RuleDoc(
        what=(
            "`contractlint diff`: the old version had a `fallback`; the new one has none, or "
            "only a placeholder."
        ),
        why=(
            "Fallbacks disappear in refactors: a contract is rewritten for the new model and the "
            "line that said what happens on failure is lost. CL101 catches a contract without a "
            "fallback; this rule catches the change itself in review, where the author can "
            "still say whether it was intended."
        ),
        old="kind: model-contract\nname: ranking-service\nfallback: serve_most_popular\n",
        bad="kind: model-contract\nname: ranking-service\n",
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}\n"
        ),
        fix="Restore the fallback (or replace it with another strategy).",
        options="Only reported by `contractlint diff`; `placeholders`.",
    ),
)
