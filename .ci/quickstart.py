"""The README's quick start, line by line, in a fresh virtual environment.

Run by ``.ci/run`` (stdlib only)::

    python3 .ci/quickstart.py

1. "Two commands": the first (``pip install . && contractlint check examples/``)
   runs as written in a new virtual environment and must exit 1 (the examples have
   findings) without a traceback. The second (the test suite) is what ``.ci/run``
   itself runs.
2. "Usage": each ``$ contractlint ...`` line of its console block runs in that
   environment, from a scratch copy of the repository (``new`` and ``schema >``
   write files); the first one's output must be exactly the lines the README shows
   under it, and every line must exit as the README implies (``check`` 1, the rest 0).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def section(text: str, title: str) -> str:
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def fail(message: str) -> None:
    print(f"quickstart: {message}", file=sys.stderr)
    sys.exit(1)


def main() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = blocks(section(readme, "Two commands"), "sh")[0].strip()
    if first != "pip install . && contractlint check examples/":
        fail(f"the README's first command changed: {first!r}; update .ci/quickstart.py")
    with tempfile.TemporaryDirectory(prefix="contractlint-quickstart-") as scratch_name:
        scratch = Path(scratch_name)
        work = scratch / "clone"
        shutil.copytree(
            ROOT, work, ignore=shutil.ignore_patterns(".ci", ".git", "*.egg-info", "__pycache__")
        )
        venv.create(scratch / "venv", with_pip=True)
        bin_dir = scratch / "venv" / ("Scripts" if os.name == "nt" else "bin")
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
        for name in ("CONTRACTLINT_OUTPUT_FORMAT", "GITHUB_ACTIONS", "FORCE_COLOR", "VIRTUAL_ENV"):
            env.pop(name, None)
        env["NO_COLOR"] = "1"
        done = subprocess.run(
            ["bash", "-c", first], cwd=work, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 1 or "Traceback" in done.stdout + done.stderr:
            print(done.stdout, done.stderr)
            fail(f"`{first}` exited {done.returncode} (1 expected: the examples have findings)")
        print(f"ok: {first} (exit 1, the examples' findings)")
        console = blocks(section(readme, "Usage"), "console")[0]
        commands = [
            (line[2:], index)
            for index, line in enumerate(console.splitlines())
            if line.startswith("$ ")
        ]
        lines = console.splitlines()
        for number, (command, index) in enumerate(commands):
            words = shlex.split(command.split("  #")[0])
            redirect = None
            if ">" in words:
                at = words.index(">")
                words, redirect = words[:at], words[at + 1]
            run = subprocess.run(
                words, cwd=work, env=env, capture_output=True, text=True, check=False
            )
            expected_code = 1 if words[1] == "check" else 0
            if run.returncode != expected_code or "Traceback" in run.stderr:
                print(run.stdout, run.stderr)
                fail(f"`{command}` exited {run.returncode} ({expected_code} expected)")
            if redirect:
                (work / redirect).write_text(run.stdout, encoding="utf-8")
            if number == 0:
                shown = []
                for line in lines[index + 1 :]:
                    if not line.strip() or line.startswith("$ "):
                        break
                    shown.append(line)
                if run.stdout.splitlines() != shown:
                    print("\n".join(shown), "\n---\n", run.stdout)
                    fail(f"`{command}` does not print what the README shows")
            print(f"ok: {command}")
    print("The README's quick start gives what it says.")


if __name__ == "__main__":
    main()
