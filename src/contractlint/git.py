"""The git questions `contractlint diff --base` asks: which commit a ref names, which
files changed since it, and what a file held there. Git errors become clear messages
(exit 2), and a ref is only ever passed to git as a revision, never as an option."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence

from contractlint.gitignore import compile_patterns


class GitError(Exception):
    """A question git cannot answer here (no repository, no such revision): the run's
    problem, said in one line (exit code 2)."""


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None


# `HEAD~1`, `main^2~3`: a revision counted back from another one.
_ANCESTRY = re.compile(r"^(.+?)(?:[~^][0-9]*)+$")


def resolve(ref: str) -> str | None:
    """The commit ``ref`` names (its full hash); None when there is no such commit yet:
    the repository has no commit (a first commit has nothing to compare with), or
    ``ref`` counts back (`HEAD~1`) past the first commit of a full history. Anything
    else that does not name a commit, an option-like `--output=...` included, is an
    error of one line."""
    inside = _git("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        raise GitError(
            "not inside a git repository: `diff --base` compares with a git revision; "
            "outside one, give OLD and NEW files"
        )
    run = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if run.returncode == 0:
        return run.stdout.decode("ascii", "replace").strip()
    if not any_commit():
        return None  # no commit at all yet
    counted = _ANCESTRY.match(ref)
    if counted and _git("rev-parse", "--verify", "--quiet", "--end-of-options", counted[1]).stdout:
        shallow = _git("rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
        if shallow:
            raise GitError(
                f"`{ref}` is not in this shallow clone: fetch more history "
                "(`git fetch --deepen=1`, or `fetch-depth: 0` in actions/checkout)"
            )
        return None  # the history is shorter than that: nothing before it to compare
    raise GitError(f"`{ref}` is not a git revision here")


def any_commit() -> bool:
    """Whether the repository holds a commit (a new one has none)."""
    return bool(_git("rev-list", "-n", "1", "--all").stdout.strip())


def changed(commit: str, include: Sequence[str]) -> dict[str, str]:
    """Spec files changed in the working tree since ``commit`` (a hash from
    :func:`resolve`): each one's path, relative to the cwd, and its path at ``commit``
    (another one when git finds it was renamed or copied)."""
    # -z: names NUL-separated and never C-quoted (a non-ASCII name stays as it is);
    # -M: renames (with edits) are found, as `git status` finds them.
    run = _git(
        "diff", "--name-status", "-z", "-M", "--relative", "--diff-filter=ACMR", commit, "--"
    )
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git diff {commit} failed: {message}")
    spec = compile_patterns(include)
    fields = run.stdout.decode("utf-8", "surrogateescape").split("\0")
    found: dict[str, str] = {}
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        if status[:1] in ("R", "C"):  # a score, then the old path and the new one
            old, new = fields[index + 1], fields[index + 2]
            index += 3
        else:
            old = new = fields[index + 1]
            index += 2
        if spec.match(new.rsplit("/", 1)[-1]):
            found[new] = old
    return dict(sorted(found.items()))


class Unreadable(Exception):
    """The version of a file at a commit cannot be compared (too large, unreadable):
    a problem of that file, not of the run."""


def show(commit: str, path: str, max_bytes: int) -> bytes | None:
    """The file's content at ``commit``, or None when it did not exist there (a new
    file). A version larger than ``max_bytes`` is never read: :class:`Unreadable`."""
    blob = f"{commit}:./{path}"
    size = _git("cat-file", "-s", blob)
    if size.returncode != 0:
        return None
    if int(size.stdout.strip() or 0) > max_bytes:
        raise Unreadable(
            f"its version at {commit[:7]} is over the size limit of {max_bytes:,} bytes "
            f"({int(size.stdout):,}); raise `max-file-size` to compare it"
        )
    run = _git("cat-file", "blob", blob)
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip()
        raise Unreadable(f"git cannot read its version at {commit[:12]}: {message}")
    return run.stdout
