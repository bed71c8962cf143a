"""Stage "link": resolve the file references of a document (SPEC 1.5).

``contract:`` (experiment-plan, acceptance-checklist) and ``validation.online``
(problem-framing, when it names a .yaml/.yml/.json file) are paths relative to
the referring file. A reference must stay inside the project root: an absolute
path, a ``..`` that climbs out, or a symlink that points out is reported and
the file is never opened. Each referenced file is read and parsed once per
run, however many documents point at it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Callable, Union

from contractlint.model import Document, Problem, Reference
from contractlint.paths import inside, relative_from

Loaded = Union[tuple[Document, ...], Problem]
LoadFn = Callable[[str], Loaded]
_Found = tuple[str, str, tuple[Any, ...]]  # a reference's status, detail and targets

_REFERENCE_SUFFIXES = (".yaml", ".yml", ".json")


def declared(
    document: Document, is_placeholder: Callable[[Any], bool] = lambda value: False
) -> list[tuple[str, str, str]]:
    """(pointer, path as written, expected kind) for each reference the document makes.

    A placeholder (`contract: TBD`) is no reference: CL009 reports it.
    """
    value = document.value
    found: list[tuple[str, str, str]] = []
    if document.kind in ("experiment-plan", "acceptance-checklist"):
        contract = value.get("contract")
        if isinstance(contract, str) and contract.strip() and not is_placeholder(contract):
            found.append(("/contract", contract.strip(), "model-contract"))
    elif document.kind == "problem-framing":
        validation = value.get("validation")
        online = validation.get("online") if isinstance(validation, Mapping) else None
        if isinstance(online, str) and online.strip().lower().endswith(_REFERENCE_SUFFIXES):
            found.append(("/validation/online", online.strip(), "experiment-plan"))
    return found


def _is_absolute(written: str) -> bool:
    """Absolute on POSIX or on Windows, as ``pathlib`` says."""
    if written[:1] not in ("/", "\\") and written[1:2] != ":":
        return False  # no root and no drive (the usual `../models/x.yaml`): no pathlib
    from pathlib import PurePosixPath, PureWindowsPath

    return PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute()


class Resolver:
    """Resolves references for one run, parsing each referenced file once."""

    def __init__(self, root: str, load: LoadFn) -> None:
        self.root = os.path.realpath(root)
        self.root_as_given = os.path.abspath(root)
        self.load = load
        self.cache: dict[str, Loaded] = {}
        self.found: dict[tuple[str, str, str], _Found] = {}
        # referrer -> the paths its references name (found or not, inside or not)
        self.looked_up: dict[str, set[str]] = {}

    def dependencies(self, referrer: str) -> tuple[str, ...]:
        """The files whose contents the references of ``referrer`` depend on."""
        return tuple(sorted(self.looked_up.get(referrer, ())))

    def _loaded(self, real: str) -> Loaded:
        if real not in self.cache:
            self.cache[real] = self.load(real)
        return self.cache[real]

    def resolve_one(self, referrer: str, pointer: str, written: str, kind: str) -> Reference:
        if _is_absolute(written):
            detail = "an absolute path; references are relative to the file"
            return Reference(pointer, written, kind, "outside", detail)
        base = os.path.dirname(os.path.abspath(referrer))
        # The path as written, not where it leads: a symlink on the way may be retargeted.
        self.looked_up.setdefault(referrer, set()).add(os.path.join(base, written))
        # The documents of a folder name the same few files: each (folder, path, kind)
        # is resolved once by a resolver (`realpath` makes a system call a path part).
        found = self.found.get((base, written, kind))
        if found is None:
            found = self.found[(base, written, kind)] = self._resolve(base, written, kind)
        return Reference(pointer, written, kind, *found)

    def _resolve(self, base: str, written: str, kind: str) -> _Found:
        """(status, detail, targets) of the reference ``written`` in a file in ``base``."""

        def ref(status: str, detail: str = "", targets: tuple[Any, ...] = ()) -> _Found:
            return status, detail, targets

        real = os.path.realpath(os.path.join(base, written))
        if not inside(real, self.root):
            # Outside the project: never opened, whatever it holds.
            lexical = os.path.normpath(os.path.join(base, written))
            via = "a symlink on the way leads out" if inside(lexical, self.root_as_given) else ""
            return ref("outside", via)
        if os.path.isdir(real):
            return ref("missing", "it is a folder, not a file")
        if not os.path.isfile(real):
            relative = relative_from(os.path.join(base, written), self.root) or written
            return ref("missing", f"no {relative}")  # from the project root
        loaded = self._loaded(real)
        if isinstance(loaded, Problem):
            return ref("unreadable", loaded.message)
        targets = tuple(d.value for d in loaded if d.kind == kind)
        if not targets:
            kinds = sorted({d.kind for d in loaded if d.kind})
            found = f"it holds {', '.join(kinds)}" if kinds else "it holds no contract document"
            return ref("wrong-kind", found)
        return ref("ok", targets=targets)

    def resolve(
        self,
        document: Document,
        referrer: str,
        is_placeholder: Callable[[Any], bool] = lambda value: False,
    ) -> Document:
        found = declared(document, is_placeholder)
        if not found:
            return document
        references = tuple(
            self.resolve_one(referrer, pointer, written, kind) for pointer, written, kind in found
        )
        return document._replace(references=references)
