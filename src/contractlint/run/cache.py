"""Stage "cache": the results of earlier runs, reused when nothing they depend on changed.

Like ruff's cache, a file's findings are kept under ``.contractlint_cache/`` in
the project root, keyed by

- the file's content (SHA-256 of its bytes, the first 128 bits, so a touched but
  unchanged file still hits). As git's index does, the digest is computed again only when the
  file's size, mtime, ctime or inode changed, or when it was last changed too
  close to the time it was read to trust the mtime;
- the run: contractlint's version, a fingerprint of its installed code and
  schemas, and the resolved configuration (selection, severities, options);
- the files it references (``contract: ranking.yaml``): where each path leads
  and, inside the project, what that file holds; so a plan is linted again when
  its contract changes, appears or disappears, or a symlink to it is retargeted;
- the date, only for a file with an ``until=`` suppression (it may expire).

One JSON file holds the entries of one run key; its name is a CRC of the key, and
the file holds the whole key, which must match. It is replaced atomically
(written to a temporary file, then renamed), so two runs sharing the folder
never see a torn file; the last writer wins, and what it drops is linted again
next time. A cache that cannot be read is ignored; one that cannot be written
is reported by the caller and the run goes on. The folder ignores itself with
its own ``.gitignore``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import zlib
from collections.abc import Mapping
from typing import Any

from contractlint import __version__
from contractlint.config import Config
from contractlint.paths import inside
from contractlint.pipeline.discover import Target
from contractlint.results import FileResult, Finding, Severity

CACHE_DIR = ".contractlint_cache"
_FORMAT = 3  # bump when the entry layout changes
# An entry is a JSON array (a third quicker to parse than an object with these keys):
# [content digest, [size, mtime_ns, ctime_ns, inode], read at (ns), has `until=`,
#  the day it was linted (only when it has `until=`), {reference: what it was},
#  documents, [finding rows]]
ENTRY_FIELDS = ("sha", "stat", "read", "dated", "today", "deps", "documents", "findings")
_SHA, _STAT, _READ, _DATED, _TODAY, _DEPS, _DOCUMENTS, _FINDINGS = range(len(ENTRY_FIELDS))
_IGNORE = "# Created by contractlint: this folder is a cache, never commit it.\n*\n"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by contractlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_FINDING_FIELDS = tuple(name for name in Finding._fields if name != "path")
_RACY_NS = 2_000_000_000  # the coarsest mtime resolution in use (FAT): 2 s
_UNTIL = b"until="  # a suppression with an expiry date: its result depends on the day
_KEEP_OTHER_KEYS_S = 7 * 24 * 3600  # another configuration's cache is kept for a week


def digest(data: bytes) -> str:
    """A file's content digest: SHA-256, its first 128 bits in hex (imported only when
    a file has to be hashed: a run where every file is a hit hashes none)."""
    from contractlint.digest import sha256_hex

    return sha256_hex(data)[:32]


def _code_fingerprint() -> str:
    """Size and mtime of every file of the installed package (code and schemas): an
    edited checkout invalidates the cache even when the version number stays."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    folders = sorted(  # the package and every subpackage: rules/document, pipeline, cli...
        folder for folder, _, _ in os.walk(package) if not folder.endswith("__pycache__")
    )
    if not os.path.isdir(os.path.join(package, "schemas")):  # a checkout: schemas/ beside src/
        folders.append(os.path.join(os.path.dirname(os.path.dirname(package)), "schemas"))
    parts: list[str] = []
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".py", ".json", ".yaml")) and entry.is_file():
                name = os.path.relpath(folder, package)
                parts.append(_stamp(f"{name}/{entry.name}", entry.stat()))
    return "\n".join(parts)


def _stamp(name: str, info: os.stat_result) -> str:
    """A file's part of a code fingerprint: its name, size and modification time."""
    return f"{name}:{info.st_size}:{info.st_mtime_ns}"


def _plugin_fingerprint(name: str) -> str:
    """The code fingerprint of plugin ``name``, as :func:`_code_fingerprint` is ours."""
    from contractlint import plugins

    parts = []
    for path in plugins.files(name):
        try:
            parts.append(_stamp(path, os.stat(path)))
        except OSError:
            continue
    return "\n".join(parts)


def _canonical(value: Any) -> Any:
    """A JSON-able, order-independent form of the configuration."""
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda i: str(i[0]))}
    if isinstance(value, (frozenset, set)):
        return sorted(_canonical(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [_canonical(v) for v in value]
    if isinstance(value, Severity):
        return value.value
    return value


def run_key(config: Config) -> str:
    """What every entry of a run depends on besides the files themselves, as one text."""
    settings = _canonical(config._asdict())
    settings.pop("path", None)  # where the configuration came from does not matter
    key = {
        "format": _FORMAT,
        "version": __version__,
        "code": _code_fingerprint(),
        "config": settings,
    }
    if config.plugins:  # their code too, as ours: a plugin edited in place
        key["plugins"] = {name: _plugin_fingerprint(name) for name, _ in config.plugins}
    return json.dumps(key, sort_keys=True)


def key_file(key: str) -> str:
    """The name of the file that holds the entries of run key ``key``: a CRC of it (a
    name, not a proof: the file holds the whole key, and ``Cache.open`` compares it)."""
    return f"{zlib.crc32(key.encode()):08x}-{len(key):x}.json"


def _content_digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return digest(handle.read())
    except OSError:
        return None


def _ensure(path: str, text: str) -> None:
    """``path`` holds ``text``: written (atomically) when it is missing or differs, so a
    marker that a failed write left empty is repaired by the next run."""
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text:
                return
    except (OSError, ValueError):
        pass
    from contractlint.atomic import write_atomic

    write_atomic(path, text.encode("utf-8"), durable=False)


def _entry(value: Any) -> list[Any] | None:
    """``value`` if it has an entry's shape (its parts are checked where they are read)."""
    if type(value) is list and len(value) == len(ENTRY_FIELDS) and type(value[_SHA]) is str:
        return value
    return None


def _unchanged(entry: list[Any], stamp: list[int]) -> bool:
    """The file is as it was when its entry was read: same size, mtime, ctime and inode,
    and its mtime is older than that read by more than a file system's clock tick (so a
    change in the same tick, after the read, cannot hide behind an equal mtime)."""
    read_at = entry[_READ]
    if type(read_at) is not int or type(entry[_DATED]) is not bool:
        return False
    return bool(entry[_STAT] == stamp and stamp[1] < read_at - _RACY_NS)


def _finding_to_json(finding: Finding) -> list[Any]:
    row = [getattr(finding, name) for name in _FINDING_FIELDS]
    return [v.value if isinstance(v, Severity) else v for v in row]


def _finding_from_json(path: str, row: list[Any]) -> Finding:
    values = dict(zip(_FINDING_FIELDS, row))
    values["severity"] = Severity(values["severity"])
    if "utf16" in values:
        values["utf16"] = tuple(values["utf16"])  # JSON has no tuples
    return Finding(path=path, **values)


class Cache:
    """The entries of one run key; ``lookup`` before linting, ``store`` after."""

    def __init__(self, folder: str, key: str, entries: dict[str, Any], root: str = "") -> None:
        self.folder = folder
        self.key = key
        self.entries = entries
        # What ``lookup`` saw, for ``store``: real path -> (content digest, has ``until=``,
        # size/mtime/ctime/inode, when it was read).
        self.seen: dict[str, tuple[Any, bool, list[int], int]] = {}
        # Referenced files' digests, read once per run.
        self.dependency_digests: dict[str, str] = {}
        self.root = root  # the project root (real path): referenced files outside are not read
        self.changed = False

    @classmethod
    def open(cls, root: str, config: Config, folder: str | None = None) -> Cache:
        where = folder or os.path.join(root, CACHE_DIR)
        key = run_key(config)
        entries: dict[str, Any] = {}
        try:
            with open(os.path.join(where, key_file(key)), encoding="utf-8") as handle:
                data = json.load(handle)
            if (
                isinstance(data, dict)
                and data.get("key") == key
                and isinstance(data.get("entries"), dict)
            ):
                entries = data["entries"]
        except (OSError, ValueError):
            entries = {}  # no cache yet, or one we cannot use: start afresh
        return cls(where, key, entries, os.path.realpath(root))

    def _dependency(self, path: str) -> str:
        """What a reference's result depends on: where the path leads (a symlink may be
        retargeted) and, inside the project, what that file holds. A file outside the
        project is never opened (the references stage refuses it unread)."""
        if path not in self.dependency_digests:
            real = os.path.realpath(path)
            content = "outside"
            if inside(real, self.root):
                content = self._content(real) or "unreadable"
            # Usually the path is already real: then the digest alone says it all.
            self.dependency_digests[path] = content if real == path else f"{real}\0{content}"
        return self.dependency_digests[path]

    def _content(self, real: str) -> str | None:
        """The digest of a referenced file: the one its own entry holds when the file is
        unchanged by the same test as ``lookup``'s (it is usually linted too), else
        computed."""
        entry = _entry(self.entries.get(real))
        if entry is not None:
            try:
                info = os.stat(real)
            except OSError:
                return None
            stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
            if _unchanged(entry, stamp):
                sha: str = entry[_SHA]
                return sha
        return _content_digest(real)

    def lookup(self, target: Target, today: str) -> FileResult | None:
        """The cached result for ``target`` if nothing it depends on changed."""
        real = target.real or os.path.realpath(target.path)
        entry = _entry(self.entries.get(real))
        try:
            info = os.stat(target.path)
            stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
            if entry is not None and _unchanged(entry, stamp):
                # As git's index does: same size, times and inode, and last changed well
                # before it was read, so the stored digest is still the content's.
                content = entry[_SHA]
                self.seen[real] = (content, entry[_DATED], stamp, entry[_READ])
            else:
                content = self._read(real, target.path, entry, stamp)
        except OSError:
            return None  # the linter reports why it cannot be read
        if entry is None or entry[_SHA] != content:
            return None
        try:
            if entry[_TODAY] not in (None, today):
                return None
            deps = entry[_DEPS]
            for path, expected in deps.items():
                if self._dependency(path) != expected:
                    return None
            rows = entry[_FINDINGS]
            if type(rows) is not list:
                return None
            shown = target.display
            findings = tuple(_finding_from_json(shown, row) for row in rows) if rows else ()
            return FileResult(shown, findings, int(entry[_DOCUMENTS]), tuple(deps))
        except (AttributeError, KeyError, TypeError, ValueError):
            return None  # an entry we cannot read: lint again, and replace it

    def _read(self, real: str, path: str, entry: list[Any] | None, stamp: list[int]) -> str:
        """Hash the file's content (its stat cannot vouch for it) and remember what was
        read; an entry with the same content keeps it, under the new stat."""
        read_at = time.time_ns()
        with open(path, "rb") as handle:
            data = handle.read()
        content = digest(data)
        self.seen[real] = (content, _UNTIL in data, stamp, read_at)
        if entry is not None and entry[_SHA] == content:
            # Same content, new stat (touched, or read too soon last time):
            # remember the stat, so the next run can trust it.
            entry[_STAT], entry[_READ], entry[_DATED] = stamp, read_at, _UNTIL in data
            self.changed = True
        return content

    def store(self, target: Target, result: FileResult, today: str) -> None:
        """Remember ``result`` under the content ``lookup`` read."""
        real = target.real or os.path.realpath(target.path)
        if real not in self.seen:
            return  # unreadable: nothing to key on
        content, dated, stamp, read_at = self.seen[real]
        self.entries[real] = [
            content,
            stamp,
            read_at,
            dated,
            today if dated else None,
            {path: self._dependency(path) for path in result.depends_on},
            result.documents,
            [_finding_to_json(f) for f in result.findings],
        ]
        self.changed = True

    def save(self) -> str | None:
        """Write the entries back (atomically); returns why it could not, if so."""
        if not self.changed:
            return None
        # Entries of files that are gone are dropped; others not linted this time are kept.
        self.entries = {
            path: entry
            for path, entry in self.entries.items()
            if path in self.seen or os.path.exists(path)
        }
        try:
            os.makedirs(self.folder, exist_ok=True)
            for name, text in ((".gitignore", _IGNORE), ("CACHEDIR.TAG", _TAG)):
                _ensure(os.path.join(self.folder, name), text)
            payload = json.dumps(
                {"version": __version__, "key": self.key, "entries": self.entries},
                separators=(",", ":"),
            )
            from contractlint.atomic import write_atomic

            # Not fsynced: a cache lost in a crash is only linted again.
            write_atomic(
                os.path.join(self.folder, key_file(self.key)), payload.encode(), durable=False
            )
        except OSError as exc:
            return f"cannot write the cache in {self.folder}: {exc.strerror or exc}"
        self._prune()
        return None

    def _prune(self) -> None:
        """Drop the files of other run keys (another version or configuration) unused for
        a week, and temporary files a killed run left behind."""
        now = time.time()
        try:
            listing = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in listing:
            name = entry.name
            stale_key = name.endswith(".json") and name != key_file(self.key)
            with contextlib.suppress(OSError):
                age = now - entry.stat().st_mtime
                # `.tmp-*`: the temporary files of contractlint 0.1's cache.
                if (stale_key and age > _KEEP_OTHER_KEYS_S) or (
                    name.startswith(".tmp-") and age > 3600
                ):
                    os.unlink(entry.path)


_KEY_FILE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]+\.json$")


def clean(root: str, folder: str | None = None) -> str | None:
    """``contractlint clean``: remove the cache folder (``folder``, else
    ``.contractlint_cache`` in ``root``); the folder removed, or None when there was none.
    Only what a cache holds is removed (its entry files, ``.gitignore``,
    ``CACHEDIR.TAG``, a temporary file left by a killed run): a ``--cache-dir`` that
    names a folder of other files loses none of them, and is kept."""
    where = folder or os.path.join(root, CACHE_DIR)
    try:
        names = os.listdir(where)
    except OSError:
        return None
    ours = [
        name
        for name in names
        if _KEY_FILE.match(name)
        or name in (".gitignore", "CACHEDIR.TAG")
        or (name.startswith(".") and name.endswith(".tmp") and ".contractlint-" in name)
    ]
    if names and not ours:
        return None  # a folder, but not a cache
    for name in ours:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(where, name))
    with contextlib.suppress(OSError):  # not empty: the folder holds files not ours
        os.rmdir(where)
    return where
