"""Baselines, for adopting contractlint on files that already have findings (SPEC 4).

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then
reports only findings that are not in it. An entry is keyed by the file's path
(relative to the project root), the rule code, the JSON pointer of the node and
the finding's fingerprint (built from the offending value, never from a line
number), so edits elsewhere in a file do not churn the baseline. Entries are a
multiset: two identical findings need two entries. Entries that match nothing
any more, in the files a run checked or in files that are gone, are counted as
stale, so the baseline can be pruned.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass

from contractlint import __version__
from contractlint.paths import Folder, as_posix
from contractlint.pipeline import sniff
from contractlint.results import Finding, Report

FORMAT_VERSION = 1

Key = tuple[str, str, str, str]


class BaselineError(Exception):
    """An unreadable or malformed baseline file (exit code 2)."""


@dataclass(frozen=True)
class Baseline:
    entries: Counter[Key]

    def __len__(self) -> int:
        return sum(self.entries.values())


def key(finding: Finding, root: str, cwd: str) -> Key:
    """The entry of ``finding``, whose path is relative to ``cwd``."""
    return _key(finding, Folder(root, cwd))


def _key(finding: Finding, root: Folder) -> Key:
    """A file is keyed by where it leads, relative to the project root (each file
    resolved once per run); a file outside the project by the path shown."""
    path = root.by_target(finding.path)
    if path is None:
        path = as_posix(finding.path)
    return (path, finding.code, finding.pointer, finding.fingerprint)


def dump(report: Report, root: str, cwd: str) -> str:
    """The baseline file for every finding of ``report``, sorted for stable diffs."""
    folder = Folder(root, cwd)
    entries = sorted(_key(f, folder) for f in report.findings)
    payload = {
        "version": FORMAT_VERSION,
        "tool": {"name": "contractlint", "version": __version__},
        "entries": [
            {"path": path, "code": code, "pointer": pointer, "fingerprint": fingerprint}
            for path, code, pointer, fingerprint in entries
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def parse(text: str, source: str) -> Baseline:
    try:
        data = json.loads(text)
    except RecursionError:
        raise BaselineError(f"{source}: not a contractlint baseline (nested too deeply)") from None
    except ValueError as exc:
        raise BaselineError(
            f"{source}: not a contractlint baseline (invalid JSON: {exc})"
        ) from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise BaselineError(
            f"{source}: not a contractlint baseline of version {FORMAT_VERSION}; "
            "write one with --write-baseline"
        )
    entries: Counter[Key] = Counter()
    for index, entry in enumerate(data.get("entries", [])):
        fields = ("path", "code", "pointer", "fingerprint")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(f), str) for f in fields):
            raise BaselineError(f"{source}: entry {index} needs the strings {', '.join(fields)}")
        entries[(entry["path"], entry["code"], entry["pointer"], entry["fingerprint"])] += 1
    return Baseline(entries)


MAX_BYTES = 256 * 1024 * 1024  # about a million findings: far beyond any real baseline


def read(path: str) -> Baseline:
    """The baseline in ``path``; never blocks on a FIFO nor reads a device forever."""
    raw = sniff.read(path, MAX_BYTES)
    if raw.error:
        raise BaselineError(f"{path}: cannot read the baseline: {raw.error}")
    if raw.too_large:
        raise BaselineError(f"{path}: not a contractlint baseline (over {MAX_BYTES:,} bytes)")
    try:
        text = raw.data.decode("utf-8")
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: not a contractlint baseline (not UTF-8)") from None
    return parse(text, path)


def apply(report: Report, baseline: Baseline, root: str, cwd: str) -> Report:
    """``report`` without the findings the baseline holds, counting the stale entries."""
    remaining = Counter(baseline.entries)
    kept: list[Finding] = []
    folder = Folder(root, cwd)
    for finding in report.findings:
        entry = _key(finding, folder)
        if remaining[entry] > 0:
            remaining[entry] -= 1
        else:
            kept.append(finding)
    # Entries of files this run did not check (pre-commit passes a few) are not stale,
    # unless the file is gone.
    checked = {folder.by_target(r.path) or as_posix(r.path) for r in report.files}

    def stale(path: str) -> bool:
        return path in checked or not os.path.lexists(os.path.join(root, path))

    kept_ids = {id(f) for f in kept}
    files = tuple(
        result._replace(findings=tuple(f for f in result.findings if id(f) in kept_ids))
        for result in report.files
    )
    return report._replace(
        files=files,
        findings=tuple(kept),
        baselined=len(report.findings) - len(kept),
        stale_baseline=sum(n for (path, *_), n in remaining.items() if stale(path)),
    )
