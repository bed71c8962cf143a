"""The parse floor of the benchmark's contract corpora.

``python bench/parsefloor.py [DIR]`` walks DIR (default: the current folder) with
``os.walk``, pruning the folders contractlint skips by default (as ``bench/floor.py``
does), reads the bytes of every ``.yaml``, ``.yml`` and ``.json`` file and composes
every document in it with PyYAML's C loader (``yaml.compose_all(data,
Loader=yaml.CSafeLoader)``, consumed to the end, so each document of a multi-document
file counts): a single process that only composes the files contractlint lints as YAML
or JSON. It builds nodes, never Python values, and checks nothing. JSON is composed as
YAML (a JSON text the corpus writes is YAML too), so the floor parses every file with
the same fast C parser. Markdown is left out: its documents are fenced blocks that a
tool must find before it can parse them, and the corpora hold none.

``bench/run.py`` runs it as a fresh process each round, with the interpreter that runs
contractlint, so its start-up (and PyYAML's import) counts as contractlint's does.
``--list`` also prints the files it composed, one a line, relative to DIR with ``/``.

It fails loudly rather than measure something else: without PyYAML's C loader
(``yaml.CSafeLoader``; PyYAML built without libyaml) it exits 2, and on a file that
does not parse it exits 1 and names the file, since every file of the corpora parses.

It imports nothing beyond ``os``, ``sys``, ``yaml`` and ``bench/floor.py``'s list of
skipped folders.
"""

import os
import sys

import yaml

# The read-only floor's walk (the folders contractlint skips by default, declared
# there once) and its listing (``floor.py`` imports only ``os`` and ``sys``).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from floor import arguments, files, relative

SUFFIXES = (".yaml", ".yml", ".json")  # contractlint's default ``include`` less Markdown


class ParseFailed(Exception):
    """A file did not compose."""


def compose(path: str, loader: type) -> int:
    """Compose every document of the file at ``path``; returns how many it holds."""
    with open(path, "rb") as stream:
        data = stream.read()
    documents = 0
    try:
        for _ in yaml.compose_all(data, Loader=loader):
            documents += 1
    except yaml.YAMLError as error:
        raise ParseFailed(f"{path}: {error}") from None
    return documents


def walk(top: str, loader: type) -> list[str]:
    """Compose every file the parse floor composes below ``top``; returns their paths."""
    composed = files(top, SUFFIXES)
    for path in composed:
        compose(path, loader)
    return composed


def main(argv: list[str]) -> int:
    parsed = arguments(argv, "parsefloor.py")
    if parsed is None:
        return 2
    top, listing = parsed
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        print(
            f"parsefloor.py: PyYAML {yaml.__version__} in {sys.executable} has no C loader "
            "(yaml.CSafeLoader: built without libyaml); the parse floor needs it",
            file=sys.stderr,
        )
        return 2
    try:
        composed = walk(top, loader)
    except ParseFailed as error:
        print(f"parsefloor.py: does not parse: {error}", file=sys.stderr)
        return 1
    if listing:
        print("\n".join(relative(composed, top)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
