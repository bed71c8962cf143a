from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit
from contractlint.rules._vocabulary import version_segment


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    was, now = old.value.get("endpoint"), new.value.get("endpoint")
    if not (isinstance(was, str) and isinstance(now, str)) or was.strip() == now.strip():
        return
    if options.is_placeholder(now) or options.is_placeholder(was):
        return  # no endpoint to compare (`check` reports the placeholder)
    segment = version_segment(was)
    if segment and not version_segment(now):
        yield Hit(
            "/endpoint",
            fit(
                "`endpoint` changed from `{was}` to `{now}`, dropping its version `{segment}`: "
                "keep a version segment, e.g. `/v2/`",
                "`endpoint` `{was}` became `{now}`, without its version `{segment}`: keep one",
                "`endpoint` `{was}` -> `{now}` drops version `{segment}`: keep one",
                was=was,
                now=now,
                segment=segment,
            ),
        )
    elif segment == version_segment(now):
        version = f"still `{segment}`" if segment else "none"
        yield Hit(
            "/endpoint",
            fit(
                "`endpoint` changed from `{was}` to `{now}`, its version did not ({version}): "
                "bump it, e.g. `/v2/`",
                "`endpoint` `{was}` became `{now}`, its version did not ({version}): bump it",
                "`endpoint` `{was}` -> `{now}`, version {version}: bump it",
                was=was,
                now=now,
                version=version,
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`endpoint` changed but its version segment did not",
    compare=compare,
    doc=RuleDoc(
        what=(
            "`contractlint diff`: `endpoint` differs between the versions while its version "
            "segment (`v1`, `v2.1`) is the same, or the new one drops the version segment."
        ),
        why=(
            "Callers hard-code the path. Moving `/v1/rank` to `/v1/ranking` breaks every one of "
            "them at once, while moving to `/v2/ranking` signals a new API that can run beside "
            "the old one during the migration, which is also how the new model is A/B tested."
        ),
        old="kind: model-contract\nname: ranking-service\nendpoint: /v1/rank\n",
        bad="kind: model-contract\nname: ranking-service\nendpoint: /v1/ranking\n",
        good="kind: model-contract\nname: ranking-service\nendpoint: /v2/ranking\n",
        fix="Bump the version segment when the path changes, and serve the old path meanwhile.",
        options="Only reported by `contractlint diff`.",
    ),
)
