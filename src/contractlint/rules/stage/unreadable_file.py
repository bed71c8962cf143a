"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="the file is binary, not UTF-8, larger than the size limit, or cannot be read",
    doc=RuleDoc(
        what=(
            "The file could not be read as text: it is binary, is not valid UTF-8 (the finding "
            "names the byte and line), is larger than the size limit, was removed during the run, "
            "or cannot be opened."
        ),
        why=(
            "A file that cannot be read is not checked, so it must not pass silently: in CI "
            "that would turn a corrupted, truncated or mis-encoded contract into a green "
            "build, and the team would ship on a document no tool has read."
        ),
        # The problem is in the file's bytes, which a text example cannot carry: the
        # examples say in a comment how each file was saved (tests cannot run them).
        bad=(
            "# saved in Latin-1, not UTF-8: the é below is the single byte 0xE9\n"
            "kind: model-contract\n"
            "name: café-ranking\n"
        ),
        good=(
            "# saved in UTF-8: the é below is the two bytes 0xC3 0xA9\n"
            "kind: model-contract\n"
            "name: café-ranking\n"
        ),
        fix=(
            "Save the file as UTF-8, make it readable, or exclude it (`exclude` in the config). "
            "Raise `max-file-size` for very large generated files."
        ),
        options="`max-file-size` (bytes, default 5 MiB).",
    ),
)
