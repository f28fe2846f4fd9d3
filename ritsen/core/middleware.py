"""Every request starts without a party scope.

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
