"""Writing a file so that it is whole or untouched: every file contractlint writes
(``--fix``, ``--output-file``, ``--write-baseline``, the cache) goes through here.

The data goes to a temporary file beside the target (so the rename stays on one
file system), is flushed to disk, gets the original's permission bits, owner and
group, and is renamed over the original: a reader sees the old file or the new
one, never half of one, and a full disk leaves the old one as it was. A symbolic
link is followed: the file it points to is replaced and the link stays a link.

Temporary files are named ``.NAME.contractlint-XXXXXXXX.tmp``. Whatever stops a
write (an error, Ctrl-C, SIGTERM) removes its temporary file; one that a killed
process (SIGKILL) left behind is recognised by that name and removed by the next
write in the same folder once it is an hour old.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time

_MARK = ".contractlint-"
_SUFFIX = ".tmp"
STALE_AFTER_S = 3600  # a write takes well under a second: an hour-old one was killed


class NotWritable(OSError):
    """The target exists but may not be replaced (read-only, or hard-linked)."""


def temporary_name(name: str) -> bool:
    """Whether ``name`` is one of our temporary files."""
    return name.startswith(".") and _MARK in name and name.endswith(_SUFFIX)


def write_atomic(path: str, data: bytes, durable: bool = True) -> None:
    """Replace (or create) the file at ``path`` with ``data`` atomically (``durable``:
    flushed to disk before the rename, and the rename after it).

    A file the user may not write (no write permission bit) is not replaced, nor is
    one with other hard links (a rename would leave the other names with the old
    content, and writing in place is not atomic): :class:`NotWritable` says which.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise NotWritable(0, "not a regular file", path)
        if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise NotWritable(0, "the file is read-only", path)
        if info.st_nlink > 1:
            raise NotWritable(
                0,
                f"the file has {info.st_nlink} hard links, which replacing it would split; "
                "edit it by hand or break the links (cp FILE FILE.new && mv FILE.new FILE)",
                path,
            )
    import tempfile  # 5 ms of imports: only when a file is written

    remove_stale(folder)
    fd, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{os.path.basename(target)}{_MARK}", suffix=_SUFFIX
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if info is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        else:
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
            if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                # Only root may give a file away; anyone may keep their own group.
                with contextlib.suppress(OSError):
                    os.chown(temporary, info.st_uid, info.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        sync_folder(folder)


def remove_stale(folder: str) -> None:
    """Remove our temporary files in ``folder`` that a killed run left an hour ago or
    more (a live write is never that old)."""
    now = time.time()
    try:
        entries = [e for e in os.scandir(folder) if temporary_name(e.name)]
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            if now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S:
                os.unlink(entry.path)


def sync_folder(folder: str) -> None:
    """Make the rename durable where the platform allows it (best effort)."""
    if not hasattr(os, "O_DIRECTORY"):
        return  # pragma: no cover - Windows
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # pragma: no cover
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
