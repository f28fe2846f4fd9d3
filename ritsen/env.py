"""Typed helpers to read settings from the environment — the only place that does.

Every value may also come from a file: ``NAME_FILE=/run/secrets/name`` reads the value
from that file, which is how container secrets are usually provided. A value that
cannot be used (a missing file, ``RITSEN_DEBUG=perhaps``) raises
:class:`~django.core.exceptions.ImproperlyConfigured` with the variable's name, so a
misconfigured installation refuses to start instead of running on a guess.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def is_set(name: str) -> bool:
    return name in os.environ or f"{name}_FILE" in os.environ


def env_str(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ImproperlyConfigured(
                f"{name}_FILE points to {file_path}, which cannot be read: {reason}"
            ) from None
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    if not is_set(name):
        return default
    raw = env_str(name).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE or raw == "":
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = env_str(name).strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    """One of ``choices`` (case-insensitive)."""
    raw = env_str(name).strip().lower() or default
    allowed = sorted(choices)
    if raw not in allowed:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(allowed)}, not {raw!r}")
    return raw


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = env_str(name)
    if not raw.strip():
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: str) -> Path:
    """A path; relative paths are taken from the working directory the command runs in."""
    raw = env_str(name).strip() or default
    return (Path.cwd() / Path(raw).expanduser()).resolve()
