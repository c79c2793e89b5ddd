"""Encryption at rest for sensitive personal data (ID numbers), and digests to search by.

The data key comes from OHS_DATA_KEY or, on the embedded default, a key file made once per
installation. The digest is an HMAC so that a copied table cannot be searched by brute force
over the small space of valid ID numbers without the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings


@lru_cache(maxsize=1)
def _data_key() -> bytes:
    if key := os.environ.get("OHS_DATA_KEY"):
        return key.encode()
    path = settings.VAR_DIR / "data_key"
    if not path.exists():
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_bytes().strip()


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    return Fernet(_data_key())


@lru_cache(maxsize=1)
def _digest_key() -> bytes:
    return hashlib.sha256(b"ohs-digest:" + base64.urlsafe_b64decode(_data_key())).digest()


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def digest(text: str) -> str:
    """Keyed digest used as the searchable, unique stand-in of a sensitive value."""
    return hmac.new(_digest_key(), text.encode(), hashlib.sha256).hexdigest()
