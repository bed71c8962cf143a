"""``contractlint server`` as a command: without the extra it says how to install it
(exit 2); ``check`` never imports the server; ``--tcp PORT`` serves over a socket."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import contractlint

PROBE = """\
import json, sys
{block}
from contractlint.cli.entry import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
sys.stdout.flush()
print("@@" + json.dumps({{"code": code, "modules": sorted(sys.modules)}}))
"""


def probe(cwd: Path, *args: str, block: str = "") -> tuple[object, str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(block=block), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CONTRACTLINT_NO_CACHE": "1"},
    )
    data = json.loads(done.stdout.rpartition("@@")[2])
    return data["code"], done.stderr, set(data["modules"])


def test_without_the_extra_it_says_how_to_install_it(tmp_path: Path) -> None:
    # pygls absent, as in a plain install: None in sys.modules makes it unimportable.
    code, stderr, modules = probe(tmp_path, "server", block="sys.modules['pygls'] = None")
    assert code == 2
    assert stderr.strip().splitlines() == [
        "contractlint server needs the language-server extra: pip install 'contractlint[lsp]'"
    ]
    assert "lsprotocol" not in modules


def test_check_never_imports_the_server(tmp_path: Path) -> None:
    (tmp_path / ".contractlint.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text("kind: model-contract\nname: x\n", encoding="utf-8")
    code, _, modules = probe(tmp_path, "check", "m.yaml")
    assert code == 1
    assert "contractlint.pipeline.engine" in modules  # it did lint
    assert not {m for m in modules if m.split(".")[0] in ("pygls", "lsprotocol", "cattrs")}
    assert not {m for m in modules if m.startswith("contractlint.lsp")}


def test_the_help_lists_the_server(tmp_path: Path) -> None:
    done = contractlint(tmp_path, "server", "--help")
    assert done.returncode == 0
    assert "--tcp" in done.stdout and "contractlint[lsp]" in done.stdout


def _message(payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read(connection: socket.socket) -> dict[str, object]:
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        header += connection.recv(1)
    length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
    body = b""
    while len(body) < length:
        body += connection.recv(length - len(body))
    found: dict[str, object] = json.loads(body)
    return found


def test_tcp_serves_one_client(tmp_path: Path) -> None:
    pytest.importorskip("pygls")
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "contractlint", "server", "--tcp", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        with connection:
            params = {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}
            connection.sendall(
                _message({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params})
            )
            reply = _read(connection)
            assert reply["id"] == 1
            result = reply["result"]
            assert isinstance(result, dict)
            assert result["serverInfo"]["name"] == "contractlint"
            capabilities = result["capabilities"]
            assert capabilities["hoverProvider"] and capabilities["completionProvider"] is not None
            assert capabilities["codeActionProvider"]["codeActionKinds"] == [
                "quickfix",
                "source.fixAll",
            ]
    finally:
        server.terminate()
        server.wait(timeout=30)
