"""Request types for views that only logged-in people reach (for the type checker)."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    user: User
