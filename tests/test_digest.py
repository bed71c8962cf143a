"""SHA-256 without OpenSSL (``contractlint.digest``): the digest is hashlib's, and the
linting path never imports ``_hashlib``."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from contractlint.digest import sha256_hex


@given(st.binary(max_size=300))
def test_the_digest_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_fingerprints_load_no_openssl() -> None:
    code = (
        "import sys\n"
        "from contractlint import api\n"
        "api.lint_text('kind: model-contract\\nname: x\\n', 'x.yaml')\n"
        "print('_hashlib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
