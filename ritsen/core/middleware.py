"""Middleware of every request: no party scope to begin with, and no caching.

Party-private models (profiles, respondent invitations, responses) refuse queries
outside a scope (django-scopes). A request must never inherit one — not from a test
that disabled scopes around it, nor from anything else that ran in the same context —
so each starts clean; the view's declared permission opens the scope it needs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django_scopes.state import state


class ScopeResetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = state.set(None)
        try:
            return self.get_response(request)
        finally:
            state.reset(token)


class PrivateByDefaultMiddleware:
    """Pages and downloads are never stored by a browser's or proxy's cache.

    Almost every page holds a party's private data or respondents' data (addresses,
    live links, answers); a response that does not say otherwise gets
    ``Cache-Control: private, no-store``. (Static files are answered by WhiteNoise
    before this runs, with their own long-lived caching.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
