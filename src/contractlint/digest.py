"""SHA-256 as hex text, without loading OpenSSL.

``hashlib`` imports ``_hashlib``, which loads OpenSSL: about 6 ms of a run's start-up,
a tenth of a warm run. CPython's own implementation (``_sha2`` from 3.12, ``_sha256``
before) gives the same digest; ``hashlib`` is the fallback where neither is built.
Fingerprints (findings, baselines, GitLab) and the cache's content digests use it.
"""

from __future__ import annotations

from typing import Any, Callable


def _constructor() -> Callable[[bytes], Any]:
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    constructor: Callable[[bytes], Any] = sha256
    return constructor


_SHA256 = _constructor()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data`` in lower-case hex."""
    digest: str = _SHA256(data).hexdigest()
    return digest
