"""Paths as a run shows them: relative to the project root, the current folder or the
CI workspace, with ``/`` between parts on every system.

Two questions keep coming back, and each has one answer here:

- is a path below a folder, and what is it relative to that folder? Asked of
  paths already absolute and normalized (real paths, or ``os.path.abspath``),
  it is a comparison of strings: no system call (:func:`inside`,
  :func:`relative_to`);
- where does a path that a finding names (relative to the current folder) lie
  from a folder, the project root or the workspace? By its own name, or by
  where it leads through symlinks: :class:`Folder` answers both, resolving the
  folder once and each file once, however many findings it has.

Discovery uses this module on every run, warm or cold: it imports :mod:`os`, not
:mod:`pathlib`.
"""

from __future__ import annotations

import os
import re
from typing import Union

PathLike = Union[str, "os.PathLike[str]"]


def as_posix(path: PathLike) -> str:
    """``path`` as ``pathlib`` writes it: ``/`` between parts, no ``.`` parts, no doubled
    or trailing ``/`` (``./plans//a.yaml/`` -> ``plans/a.yaml``)."""
    text = os.fspath(path).replace(os.sep, "/")
    parts = [part for part in text.split("/") if part not in ("", ".")]
    joined = "/".join(parts)
    if text.startswith("/"):
        return "/" + joined
    return joined or "."


def inside(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or below it (both absolute and normalized, say real paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def relative_to(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` with ``/`` (``.`` for the folder itself), or None
    when it is not below it. Both are absolute and normalized (say real paths): this
    compares strings, it does not resolve anything."""
    if path == folder:
        return "."
    prefix = folder.rstrip(os.sep) + os.sep
    return path[len(prefix) :].replace(os.sep, "/") if path.startswith(prefix) else None


def relative_from(path: str, start: str) -> str | None:
    """The way from the folder ``start`` to ``path`` with ``/``, climbing out with ``../``
    when it must (both absolute); None when there is none (another drive, on Windows)."""
    try:
        return os.path.relpath(path, start).replace(os.sep, "/")
    except ValueError:
        return None


def absolute(path: str, cwd: str) -> str:
    """``path``, given relative to ``cwd``, as an absolute path (``..`` taken lexically)."""
    return os.path.normpath(os.path.join(os.path.abspath(cwd), path))


# What a URI path keeps as it is (RFC 3986's unreserved characters and `/`), as
# `urllib.parse.quote(path, safe="/")` keeps it.
_URI_UNSAFE = re.compile(r"[^A-Za-z0-9_.~/-]")
_URI_SAFE_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~/-")


def uri_path(path: str) -> str:
    """``path`` (with ``/``) percent-encoded for a URI, byte for byte as
    ``urllib.parse.quote(path, safe="/")`` encodes it; a name that is not UTF-8 (a
    surrogate escape) by its bytes on disk, as ``pathlib``'s ``as_uri`` does. Here so
    that a report imports neither ``urllib`` nor ``pathlib`` (3 ms of a warm run)."""
    if not _URI_UNSAFE.search(path):
        return path
    return "".join(
        chr(byte) if byte in _URI_SAFE_BYTES else f"%{byte:02X}" for byte in os.fsencode(path)
    )


def file_uri(path: str) -> str:
    """The ``file:`` URI of an absolute, normalized path, as ``pathlib`` writes it."""
    if os.name == "nt":  # drive letters and UNC shares: pathlib knows them
        from pathlib import Path

        return Path(path).as_uri()
    return "file://" + uri_path(path)


def shown(path: PathLike, cwd: PathLike) -> str:
    """A path as a run shows it: relative to the current folder ``cwd`` when it is below
    it, by its own name (a symlink is shown as the link, not as the file it points to);
    else as it was given."""
    relative = relative_to(os.path.abspath(path), os.path.abspath(cwd))
    return relative if relative is not None else as_posix(path)


def _plain(path: str) -> bool:
    """A relative path with ``/`` that normalizing leaves as it is: no empty, ``.`` or
    ``..`` part (then it is its own name relative to the folder it is given from)."""
    if os.sep != "/" or os.altsep or path.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


class Folder:
    """A folder (the project root, the workspace) that paths given relative to ``cwd``
    are shown from. The folder is resolved at most once, and each path once: a report
    names the same file for each of its findings."""

    def __init__(self, folder: str, cwd: str = ".") -> None:
        self.cwd = os.path.abspath(cwd)
        self.path = os.path.abspath(folder)
        self._real: str | None = None
        self._by_name: dict[str, str | None] = {}
        self._by_target: dict[str, str | None] = {}

    @property
    def real(self) -> str:
        """Where the folder leads (resolved when first needed)."""
        if self._real is None:
            self._real = os.path.realpath(self.path)
        return self._real

    def absolute(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, path))  # `self.cwd` is absolute

    def by_name(self, path: str) -> str | None:
        """``path`` relative to the folder by its own name when that is below it, else by
        where it leads when that is (a symlink from outside into the folder); None when
        neither is. What a report links: the name the file was found under."""
        if path not in self._by_name:
            if self.cwd == self.path and _plain(path):  # `plans/a.yaml` from the root
                self._by_name[path] = path
                return path
            full = self.absolute(path)
            found = relative_to(full, self.path)
            if found is None:
                found = relative_to(os.path.realpath(full), self.real)
            self._by_name[path] = found
        return self._by_name[path]

    def by_target(self, path: str) -> str | None:
        """Where ``path`` leads, relative to where the folder leads; None outside it. One
        file reached through different names (symlinks) gets one answer."""
        if path not in self._by_target:
            real = os.path.realpath(os.path.join(self.cwd, path))
            self._by_target[path] = relative_to(real, self.real)
        return self._by_target[path]
