"""Secrets in URLs never reach a log.

Respondents' links (``/r/<token>/``), invitations to a collaboration and password
resets carry their secret in the path. The respondent's first request trades the
token for a cookie and redirects to a URL without it, but that first request line —
and any 404 for a mistyped link — would still be logged. So every path segment that
looks like a secret (20 or more URL-safe characters) is replaced by ``…`` in Django's
request and server logs and in gunicorn's access log, referrers included.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

SECRET_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_-]{20,}(?=[/?#\s\"']|$)")
REDACTED = "…"


def redact(text: str) -> str:
    return SECRET_SEGMENT.sub(REDACTED, text)


class RedactSecretsFilter(logging.Filter):
    """For the ``django.request`` and ``django.server`` loggers (request lines, 404s)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        # The request object rides along for handlers that format it themselves.
        if hasattr(record, "request"):
            record.request = None
        return True


class RedactingGunicornLogger(Logger):
    """gunicorn's logger with every access-log field redacted (``ritsen serve``)."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
