"""Who calls the API: a personal access token (``Authorization: Bearer …``) or the
session of the site's own pages (with its CSRF check). A read-only token may read and
nothing else — decided here, once, for every operation."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from ritsen.accounts import tokens

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """A personal access token. Unknown, expired or revoked: 401."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.authenticate(token.strip())
        if found is None:
            return None
        if found.read_only and request.method not in SAFE_METHODS:
            raise PermissionDenied(_("This token may only read."))
        request.user = found.user
        return found


class Session(SessionAuth):
    """The logged-in browser (CSRF is checked for writes)."""


AUTH = [TokenAuth(), Session(csrf=True)]
