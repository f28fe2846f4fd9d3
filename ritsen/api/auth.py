"""Who calls the API: a personal access token (``Authorization: Bearer …``) or the
session of the site's own pages (with its CSRF check). A read-only token may read and
nothing else — decided here, once, for every operation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import AuthRateThrottle

from ritsen.accounts import tokens
from ritsen.accounts.middleware import use_account_language
from ritsen.accounts.models import AccessToken

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """A personal access token. Unknown, expired or revoked: 401."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.authenticate(token.strip())
        if found is None:
            return None
        use_account_language(request, found.user)
        if found.read_only and request.method not in SAFE_METHODS:
            raise PermissionDenied(_("This token may only read."))
        request.user = found.user
        return found


class Session(SessionAuth):
    """The logged-in browser (CSRF is checked for writes)."""


AUTH = [TokenAuth(), Session(csrf=True)]


class TokenRateThrottle(AuthRateThrottle):
    """Requests per token (or per signed-in user) within a period: ``RITSEN_API_RATE``
    (default 600/min). Over it: 429 with ``Retry-After``. Counted in Django's cache —
    per process unless a shared cache is configured."""

    scope = "token"

    def get_cache_key(self, request: HttpRequest) -> str:
        auth = getattr(request, "auth", None)
        if isinstance(auth, AccessToken):
            ident = f"token-{auth.pk}"
        elif getattr(request, "user", None) is not None and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = str(self.get_ident(request))
        return self.cache_format % {"scope": self.scope, "ident": ident}


THROTTLE = TokenRateThrottle(settings.API_RATE)
