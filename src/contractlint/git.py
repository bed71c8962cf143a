"""The git questions `contractlint diff --base` asks: which commit a ref names, which
files changed since it, and what a file held there. Git errors become clear messages
(exit 2), and a ref is only ever passed to git as a revision, never as an option."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

import click

from contractlint.gitignore import compile_patterns


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], capture_output=True, check=False)
    except OSError as exc:
        raise click.ClickException(f"cannot run git: {exc.strerror or exc}") from None


def resolve(ref: str) -> str | None:
    """The commit ``ref`` names (its full hash); None when the repository has no commit
    yet (a first commit has nothing to compare with). Anything else that does not name a
    commit, an option-like `--output=...` included, is a usage error."""
    inside = _git("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        raise click.UsageError(
            "not inside a git repository: `diff --base` compares with a git revision; "
            "outside one, give OLD and NEW files"
        )
    run = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if run.returncode == 0:
        return run.stdout.decode("ascii", "replace").strip()
    if not _git("rev-list", "-n", "1", "--all").stdout.strip():
        return None  # no commit at all yet
    raise click.UsageError(f"`{ref}` is not a git revision here")


def changed(commit: str, include: Sequence[str]) -> list[str]:
    """Spec files changed in the working tree since ``commit`` (a hash from
    :func:`resolve`), as paths relative to the cwd."""
    # -z: names NUL-separated and never C-quoted (a non-ASCII name stays as it is).
    run = _git("diff", "--name-only", "-z", "--relative", "--diff-filter=ACMR", commit, "--")
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip()
        raise click.UsageError(f"git diff {commit} failed: {message}")
    spec = compile_patterns(include)
    names = [n for n in run.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return sorted(name for name in names if spec.match(name.rsplit("/", 1)[-1]))


def show(commit: str, path: str, max_bytes: int) -> bytes | None:
    """The file's content at ``commit``, or None when it did not exist there (a new
    file). A version larger than ``max_bytes`` is a usage error: it is never read."""
    blob = f"{commit}:./{path}"
    size = _git("cat-file", "-s", blob)
    if size.returncode != 0:
        return None
    if int(size.stdout.strip() or 0) > max_bytes:
        raise click.UsageError(
            f"{path} at {commit[:12]} is {int(size.stdout):,} bytes, over the size limit of "
            f"{max_bytes:,} bytes; raise `max-file-size` in the config to compare it"
        )
    run = _git("cat-file", "blob", blob)
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip()
        raise click.UsageError(f"git cannot read {path} at {commit[:12]}: {message}")
    return run.stdout
