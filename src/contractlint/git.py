"""The two git questions `contractlint diff --base` asks: which files changed since a
ref, and what a file held at that ref. Git errors become clear messages (exit 2)."""

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


def changed(ref: str, include: Sequence[str]) -> list[str]:
    """Spec files changed in the working tree since ``ref`` (paths relative to the cwd)."""
    # -z: names NUL-separated and never C-quoted (a non-ASCII name stays as it is).
    run = _git("diff", "--name-only", "-z", "--relative", "--diff-filter=ACMR", ref, "--")
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip()
        raise click.UsageError(f"git diff {ref} failed: {message}")
    spec = compile_patterns(include)
    names = [n for n in run.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return sorted(name for name in names if spec.match(name.rsplit("/", 1)[-1]))


def show(ref: str, path: str) -> bytes | None:
    """The file's content at ``ref``, or None when it did not exist there (a new file)."""
    run = _git("show", f"{ref}:./{path}")
    if run.returncode == 0:
        return run.stdout
    check = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if check.returncode != 0:
        raise click.UsageError(f"`{ref}` is not a git revision here")
    return None
