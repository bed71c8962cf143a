"""Stage "sniff": a file's raw bytes -> could it hold a contract (is it a *candidate*)?

The hook and ``check .`` see every YAML, JSON and Markdown file of a repository,
and nearly none of them are contracts: Kubernetes manifests, CI workflows, JSONC,
NDJSON, Helm templates, fixtures broken on purpose, files in Latin-1. A text is a
candidate only when it holds a ``kind`` key whose value is one of our kinds, a
misspelling of one (CL002), or a kind the configuration declares. That is decided
here, on the raw bytes, before anything is decoded or parsed: a file that is not a
candidate costs one read and one bytes search, and gets no finding of any code.

A file that starts with a UTF-16 or UTF-32 byte-order mark is decoded first, so
such a contract is reported (CL006) rather than skipped.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import codecs
import os
import re
import stat
from collections.abc import Collection
from typing import AnyStr, NamedTuple, Union

from contractlint.kinds import KINDS, misspelled

# A ``kind`` key, bare or quoted (YAML block or flow, JSON), at the start of a line or
# after whitespace, ``{`` or ``,``; then, past any tag or anchor, its value: quoted, or
# plain up to the end of the line, a comment or a flow separator (or folded onto one
# more, indented line, as PyYAML writes a long flow mapping). The pattern starts
# with the literal ``kind`` (what comes before it is checked by lookbehinds), so the
# regex engine scans for that word at memory speed instead of trying every position.
# One pattern, compiled for bytes (files) and for text (Markdown blocks, wide encodings).
_KIND = (
    r"""kind(?<![^\s{,"']kind)(?<![^\s{,]["']kind)["']?[ \t]*:\s*(?:[!&][^\s,{}\[\]]*\s+)*"""
    r"""(?:"([^"\n\r]{1,100})"|'([^'\n\r]{1,100})'|([^\s"'#,\[\]{}&!*|>][^#,\[\]{}\n\r]{0,99}"""
    # A second, indented line of the same plain value: up to a flow separator or the end.
    r""")(?:\r?\n[ \t]+([^#,:\[\]{}\n\r]{1,99})(?=[,\]}\r\n]|$))?)"""
)
_KIND_BYTES = re.compile(_KIND.encode(), re.MULTILINE)

# A `/*` that opens a comment (not the `/*` of a glob such as "src/*" in a string).
_COMMENT_OPEN = re.compile(r"(?:^|(?<=[\s{]))/\*")
# The quotes a key may be written in, as bytes (a file) or text (a Markdown block).
_QUOTES = (b'"', b"'", '"', "'")
# A text whose first character, past blank lines and spaces, opens a JSON object.
_OBJECT_FIRST = re.compile(rb"\s*\{")
# A line that starts with a Go template action: a Helm template's `{{- if ...}}`.
_TEMPLATE_LINE = re.compile(rb"^[ \t]*\{\{", re.MULTILINE)
_TEMPLATE_LINE_TEXT = re.compile(r"^[ \t]*\{\{", re.MULTILINE)
_UTF8_BOM = codecs.BOM_UTF8
# UTF-32 first: its little-endian mark starts with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

NO_KIND = "no `kind` of a contract"
NDJSON = "NDJSON (a JSON object a line): data, not a contract"


def _text(value: "Union[str, bytes]") -> str:
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value


class Raw(NamedTuple):
    """A file's bytes as read: all of them, or the first ``max_bytes`` when it is
    larger (``size`` then says how large); ``error`` says why it could not be read."""

    data: bytes = b""
    error: str = ""
    size: int = 0
    too_large: bool = False


def read(path: str, max_bytes: int) -> Raw:
    """Read ``path``, never more than ``max_bytes`` of it, and never blocking: a FIFO,
    socket or device named ``*.yaml`` is refused before a byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return Raw(error="file not found (it may have been removed)")
    except PermissionError:
        return Raw(error="permission denied: the file cannot be read")
    except OSError as exc:
        return Raw(error=f"cannot read the file: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return Raw(error="path is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            return Raw(error="not a regular file (a FIFO, socket or device): it is not read")
        too_large = info.st_size > max_bytes
        wanted = max_bytes if too_large else info.st_size + 1  # +1: see the end of the file
        chunks = []
        while wanted > 0:
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        if len(data) > max_bytes:  # it grew while it was read
            data, too_large = data[:max_bytes], True
        return Raw(data, "", max(info.st_size, len(data)), too_large)
    except OSError as exc:
        return Raw(error=f"cannot read the file: {exc.strerror or exc}")
    finally:
        os.close(fd)


_SNIFFERS: "dict[frozenset[str], Sniffer]" = {}


def sniffer(declared: Collection[str] = ()) -> "Sniffer":
    """The sniffer of a configuration's declared kinds, made once per process."""
    key = frozenset(declared)
    if key not in _SNIFFERS:
        _SNIFFERS[key] = Sniffer(key)
    return _SNIFFERS[key]


class Sniffer:
    """Decides candidates for one configuration (its declared kinds), remembering what
    it decided about each ``kind`` value (a repository repeats a few dozen of them)."""

    def __init__(self, declared: Collection[str] = ()) -> None:
        self.declared = frozenset(declared)
        self.verdicts: dict[str, bool] = {}

    def is_ours(self, value: str) -> bool:
        """``value`` (a ``kind`` as written) is one of our kinds, a declared kind, or a
        misspelling of one of ours."""
        verdict = self.verdicts.get(value)
        if verdict is None:
            kind = " ".join(value.split())  # a plain value may fold onto a second line
            verdict = kind in KINDS or kind in self.declared or misspelled(kind) is not None
            if len(self.verdicts) < 4096:
                self.verdicts[value] = verdict
        return verdict

    def _holds(self, quoted: str, single: str, plain: str, folded: str) -> bool:
        """A ``kind`` value the pattern found is ours: as written on its line, or, for a
        plain value that goes on on the next line, the two lines folded into one."""
        if self.is_ours(quoted or single or plain):
            return True
        return bool(plain and folded) and self.is_ours(f"{plain} {folded}")

    def bytes_hold_contract(self, data: bytes) -> bool:
        """Whether a file's raw bytes are a candidate."""
        for bom, encoding in _WIDE_BOMS:
            if data.startswith(bom):
                return self.text_holds_contract(data.decode(encoding, errors="replace"))
        if data.startswith(_UTF8_BOM):
            data = data[len(_UTF8_BOM) :]
        # NDJSON repeats one `kind` in every line: each distinct value is judged once,
        # and where one is ours, its places are checked (rarely needed, so done last).
        for found in set(_KIND_BYTES.findall(data)):
            if self._holds(*(part.decode("utf-8", errors="replace") for part in found)):
                return self._outside_comments(data, _KIND_BYTES, b"\n", b"\r")
        return False

    def text_holds_contract(self, text: str) -> bool:
        """Whether decoded text (a Markdown block, say) is a candidate."""
        if text.startswith("\ufeff"):
            text = text[1:]
        kind_text = re.compile(_KIND, re.MULTILINE)  # `re` keeps it; most runs never ask
        for found in set(kind_text.findall(text)):
            if self._holds(*found):
                return self._outside_comments(text, kind_text, "\n", "\r")
        return False

    def _outside_comments(
        self, data: AnyStr, pattern: "re.Pattern[AnyStr]", newline: AnyStr, return_: AnyStr
    ) -> bool:
        """One of our kinds is a key outside a comment (``# kind: model-contract`` in a
        Helm chart, or in a ``{{/* ... */}}`` across lines, is a mention, not a key)."""
        for match in pattern.finditer(data):
            if not self._holds(*(_text(part or "") for part in match.groups())):
                continue
            start = match.start()
            opening = data[start - 1 : start] if start else data[:0]
            quoted = opening in _QUOTES
            if quoted and data[start + 4 : start + 5] != opening:
                continue  # `"kind: model-contract"`: a string that mentions a key
            line = max(data.rfind(newline, 0, start), data.rfind(return_, 0, start)) + 1
            before = _text(data[line:start]).lstrip()
            if before.startswith(("#", "//")):
                continue
            indented = start - line - quoted  # the key's column: 0 in nearly every file
            if indented > 0 and indented > _indentation(data) and _templated(data):
                # A Helm template is no YAML until it is rendered; a contract's `kind` is
                # a top-level key, as far in as the text's first line: one further in is
                # in a value (`contract.yaml: |` in a ConfigMap), not a contract's.
                continue
            # Inside a template action or a block comment, on this line or above.
            ahead = _text(data[max(0, start - 4096) : start])
            opened = max((m.start() for m in _COMMENT_OPEN.finditer(ahead)), default=-1)
            if ahead.rfind("{{") > ahead.rfind("}}") or opened > ahead.rfind("*/"):
                continue
            return True
        return False

    def skipped(self, raw: Raw) -> str:
        """Why a file read as ``raw`` is not linted, or "" when it is: a candidate, or a
        file that could not be read at all (CL006 says why; nothing can vouch for it)."""
        if raw.error:
            return ""
        if self.bytes_hold_contract(raw.data):
            return NDJSON if _json_lines(raw.data) else ""
        if raw.too_large:
            return f"{NO_KIND} in its first {len(raw.data):,} bytes (over `max-file-size`)"
        return NO_KIND


def _json_lines(data: bytes) -> bool:
    """Whether ``data`` is NDJSON (JSON Lines): its first two lines that are not blank are
    each a whole JSON object. No JSON or YAML document starts so (YAML's next document
    starts with `---`): a record that holds `"kind": "model-contract"` is data."""
    if not _OBJECT_FIRST.match(data):  # nearly every file: a YAML key or a comment first
        return False
    import json

    start = objects = 0
    while objects < 2 and start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line, start = data[start:end].strip(), end + 1
        if not line:
            continue
        if not (line.startswith(b"{") and line.endswith(b"}")):
            return False
        try:
            json.loads(line)
        except ValueError:  # also UnicodeDecodeError
            return False
        objects += 1
    return objects == 2


def _templated(data: AnyStr) -> bool:
    """Whether a text has a line that starts with a template action (``{{- if``)."""
    pattern = _TEMPLATE_LINE if isinstance(data, bytes) else _TEMPLATE_LINE_TEXT
    return pattern.search(data) is not None


def _indentation(data: AnyStr) -> int:
    """How far in the first line that is not blank starts (a Markdown block keeps the
    indentation of its fence)."""
    text = _text(data[:4096])
    for line in text.splitlines():
        if line.strip():
            return len(line) - len(line.lstrip())
    return 0
