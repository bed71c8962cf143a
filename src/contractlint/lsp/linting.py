"""The engine call ``check`` makes, on an editor's buffer.

:func:`lint` is :func:`contractlint.api.lint_text` (the same ``lint_file`` on the
buffer's bytes, so the same sniff, codes, spans, severities and messages) with two
differences an editor needs: a file the buffer references (``contract:``) is read
from its open buffer when there is one, so CL604/CL605 follow unsaved edits; and a
configured baseline holds back what it holds, as ``check --baseline`` does.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Callable

from contractlint import baseline
from contractlint.config import Config
from contractlint.model import Document, Problem
from contractlint.paths import shown
from contractlint.pipeline import discover, engine, loader, sniff, source
from contractlint.pipeline.discover import Target
from contractlint.pipeline.references import Loaded, Resolver
from contractlint.results import FileResult, Report

from .workspace import Project

# The text of an open buffer by its real path, or None when it is not open.
Overlay = Callable[[str], "str | None"]


def encode(text: str) -> bytes:
    """A buffer as the bytes a file would hold (a lone surrogate stays invalid UTF-8,
    which the engine reports as CL006, as it would on disk)."""
    return text.encode("utf-8", "surrogatepass")


def _parsed(path: str, data: bytes, config: Config) -> Loaded:
    """The documents of a referenced file's bytes, as ``engine.referenced_documents``
    reads them from disk."""
    return engine.documents_of(path, source.decode(path, data), config)


def resolver(config: Config, overlay: Overlay) -> Resolver:
    def load(path: str) -> Loaded:
        text = overlay(path)
        if text is None:
            return engine.referenced_documents(path, config)
        return _parsed(path, encode(text), config)

    return Resolver(config.root, load)


def lint(
    text: str,
    path: str,
    project: Project,
    overlay: Overlay = lambda path: None,
    today: datetime.date | None = None,
) -> FileResult:
    """The findings ``check`` reports for the file ``path`` holding ``text``, run in the
    project's folder (its configuration, and its baseline when one is configured)."""
    config = project.config
    if config is None or _excluded(path, config):
        return FileResult(path, ())
    target = Target(path, shown(path, project.folder))
    data = encode(text)
    limit = config.max_file_size
    raw = sniff.Raw(data[:limit], size=len(data), too_large=len(data) > limit)
    result = engine.lint_file(target, config, today, resolver(config, overlay), raw=raw)
    if project.known is not None and result.findings:
        kept = baseline.apply(
            Report((result,), result.findings), project.known, config.root, project.folder
        )
        result = result._replace(findings=kept.findings)
    return result


def _excluded(path: str, config: Config) -> bool:
    """Whether ``exclude`` / ``extend-exclude`` skip the file, as they do for the
    pre-commit hook (``--force-exclude``): vendored contracts get no diagnostics."""
    return discover.named_excluded(path, config.root, config.exclusions)


def documents(text: str, path: str, config: Config) -> Sequence[Document]:
    """The contract documents of a buffer (parsed, not linted): what hover, completion
    and the suppression actions look at. Markdown blocks count only when they are
    candidates, as for the engine."""
    read = source.decode(path, encode(text))
    if isinstance(read, Problem):
        return ()
    segments = read.segments
    if source.file_format(path) == "markdown":
        sniffer = sniff.sniffer(config.kind_names)
        segments = tuple(s for s in segments if sniffer.text_holds_contract(s.text))
    limits = engine.load_limits(config)
    return tuple(d for s in segments for d in loader.load(path, s, limits).documents)
