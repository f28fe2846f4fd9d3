"""Symmetric encryption for the few secrets Ritsen must be able to read back.

Uses Fernet (AES-128-CBC + HMAC-SHA256) from ``cryptography`` with a key derived from
``SECRET_KEY``, so a copy of the database alone does not reveal them.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    digest = hashlib.sha256(f"ritsen-fernet:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(value: str) -> str | None:
    """The plain text, or ``None`` if it cannot be decrypted (e.g. the key changed)."""
    try:
        return _fernet().decrypt(value.encode()).decode()
    except (InvalidToken, ValueError):
        return None
