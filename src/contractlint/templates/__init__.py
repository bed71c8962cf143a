"""Templates for ``contractlint new KIND``: complete, commented, honest about what is unfilled.

Each template parses and passes its schema; its `TODO` placeholders (owners,
names, prose) keep CL401 and CL009 firing until a team fills them in. The YAML
template is the source; a ``.json`` file gets the same values as JSON (which has
no comments), and a ``.md`` file gets the YAML as its front matter, with a page
to write around it.
"""

from __future__ import annotations

import json
from pathlib import Path

from contractlint.kinds import KINDS


def template(kind: str, file_format: str = "yaml") -> str:
    """The template of ``kind`` as a ``yaml``, ``json`` or ``markdown`` file's text."""
    if kind not in KINDS:
        raise KeyError(kind)
    text = (Path(__file__).resolve().parent / f"{kind}.yaml").read_text(encoding="utf-8")
    if file_format == "json":
        import yaml

        return json.dumps(yaml.safe_load(text), indent=2, ensure_ascii=False) + "\n"
    if file_format == "markdown":
        title = kind.replace("-", " ").capitalize()
        return (
            f"---\n{text.rstrip()}\n---\n\n# {title}: TODO\n\n"
            "The front matter above is the contract that contractlint checks; "
            "write the page around it here.\n"
        )
    return text
