"""Secrets in URLs never reach a log.

Respondents' links (``/r/<token>/``), invitations to a collaboration and password
resets carry their secret in the path. The respondent's first request trades the
token for a cookie and redirects to a URL without it, but that first request line —
and any 404 for a mistyped link — would still be logged. So every path segment that
looks like a secret (20 or more URL-safe characters, whatever follows them) is
replaced by ``…`` in Django's request and server logs and in gunicorn's access log,
referrers included. For respondents' requests (``/r/…``, and the API's
``/api/v1/respond/…``) the access log also leaves out the address and the browser: an
address and a time next to each submission would help to tie rows of the database to
people.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

SECRET_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_-]{20,}")
RESPONDENT_PATH = re.compile(r"^/(r|api/v1/respond)(/|$)")
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
        redacted = {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
        if RESPONDENT_PATH.match(str(environ.get("PATH_INFO", ""))):
            for key in list(redacted):
                if key in ("h", "a") or any(part in key for part in _WHO):
                    redacted[key] = "-"
        return redacted


#: Parts of access-log atoms that say who sent a request: address, browser, proxies.
_WHO = ("remote_addr", "user-agent", "user_agent", "forwarded", "real-ip", "real_ip")
