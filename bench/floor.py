"""The read-only floor of the benchmark's "repository without contracts" case.

``python bench/floor.py [DIR]`` walks DIR (default: the current folder) with
``os.walk``, pruning the folders contractlint skips by default, and reads the bytes of
every ``.yaml``, ``.yml``, ``.json`` and ``.md`` file: the least a tool that checks
those files must do. ``bench/run.py`` runs it as a fresh process each round, with the
interpreter that runs contractlint, so its start-up counts as contractlint's does.
``--list`` also prints the files it read, one a line, relative to DIR with ``/``.

It imports nothing beyond ``os`` and ``sys``, which every Python process has loaded
before it runs a line of a script.
"""

from __future__ import annotations  # a compiler directive: imports nothing

import os
import sys

# The folders contractlint skips by default (ruff's list, as ``DEFAULT_EXCLUDE`` in
# ``config.py`` has it), which holds the build outputs, virtual environments, installed
# packages and tool caches every repository keeps out of version control.
SKIPPED = frozenset(
    {
        ".bzr",
        ".contractlint_cache",
        ".direnv",
        ".eggs",
        ".git",
        ".git-rewrite",
        ".hg",
        ".ipynb_checkpoints",
        ".mypy_cache",
        ".nox",
        ".pants.d",
        ".pyenv",
        ".pytest_cache",
        ".pytype",
        ".ruff_cache",
        ".svn",
        ".tox",
        ".venv",
        ".vscode",
        "__pycache__",
        "__pypackages__",
        "_build",
        "buck-out",
        "build",
        "dist",
        "node_modules",
        "site-packages",
        "venv",
    }
)
SUFFIXES = (".yaml", ".yml", ".json", ".md")  # contractlint's default ``include``


def files(top: str, suffixes: tuple[str, ...]) -> list[str]:
    """The files below ``top`` whose names end with one of ``suffixes``, outside the
    skipped folders, in the order ``os.walk`` meets them (the parse floor's too)."""
    found = []
    for folder, folders, names in os.walk(top):
        folders[:] = [name for name in folders if name not in SKIPPED]
        found.extend(os.path.join(folder, name) for name in names if name.endswith(suffixes))
    return found


def walk(top: str) -> list[str]:
    """Read every file the floor reads below ``top``; returns their paths."""
    read = files(top, SUFFIXES)
    for path in read:
        with open(path, "rb") as stream:
            stream.read()
    return read


def relative(paths: list[str], top: str) -> list[str]:
    """``paths`` relative to ``top``, with ``/``, sorted."""
    return sorted(os.path.relpath(path, top).replace(os.sep, "/") for path in paths)


def arguments(argv: list[str], script: str) -> tuple[str, bool] | None:
    """A floor's command line, ``[--list] [DIR]``: the folder and whether to list what
    it read; None (after the usage line) for anything else."""
    folders = [arg for arg in argv if arg != "--list"]
    if len(folders) > 1:
        print(f"usage: python bench/{script} [--list] [DIR]", file=sys.stderr)
        return None
    return (folders[0] if folders else "."), "--list" in argv


def main(argv: list[str]) -> int:
    parsed = arguments(argv, "floor.py")
    if parsed is None:
        return 2
    top, listing = parsed
    read = walk(top)
    if listing:
        print("\n".join(relative(read, top)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
