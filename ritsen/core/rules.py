"""Every view declares who may open it; the declaration is data the tests can read.

A view is wrapped by one of the decorators here (or by
:func:`ritsen.collaborations.access.collaboration_view`), which attaches a
:class:`ViewRule` as ``view.rule``. The site-wide permission matrix walks Django's URL
resolver and fails for any URL whose view has no rule, so no page can be added without
saying who may see it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed


class Audience(StrEnum):
    PUBLIC = "public"  # anyone, without logging in (a secret in the URL may be the key)
    AUTHENTICATED = "authenticated"  # anyone who is logged in
    # Logged-in people who were given the view's site permission explicitly (in the
    # admin; superusers hold every permission). "Staff status" alone is not enough.
    SITE_ADMIN = "site_admin"
    COLLABORATION = "collaboration"  # people with a role in the collaboration in the URL


@dataclass(frozen=True)
class ViewRule:
    audience: Audience
    methods: tuple[str, ...]
    # For COLLABORATION views: the permission asked for and the URL argument naming
    # the party it is asked about (None: the collaboration as a whole). For SITE_ADMIN
    # views: the Django permission needed.
    permission: str | None = None
    party_arg: str | None = None


View = Callable[..., HttpResponse]


def allowed_methods(methods: Sequence[str]) -> tuple[str, ...]:
    upper = tuple(method.upper() for method in methods)
    return (*upper, "HEAD") if "GET" in upper and "HEAD" not in upper else upper


def method_not_allowed(request: HttpRequest, methods: tuple[str, ...]) -> HttpResponse | None:
    if request.method not in methods:
        return HttpResponseNotAllowed(methods)
    return None


def _declare(
    audience: Audience, methods: Sequence[str], permission: str | None = None
) -> Callable[[View], View]:
    allowed = allowed_methods(methods)

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if audience in (Audience.AUTHENTICATED, Audience.SITE_ADMIN):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if audience == Audience.SITE_ADMIN and not request.user.has_perm(str(permission)):
                    raise PermissionDenied
            refused = method_not_allowed(request, allowed)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        wrapper.rule = ViewRule(  # type: ignore[attr-defined]
            audience=audience, methods=allowed, permission=permission
        )
        return wrapper

    return decorate


def public_view(*, methods: Sequence[str] = ("GET",)) -> Callable[[View], View]:
    """Anyone may open it; the view itself decides what a visitor sees."""
    return _declare(Audience.PUBLIC, methods)


def authenticated_view(*, methods: Sequence[str] = ("GET",)) -> Callable[[View], View]:
    return _declare(Audience.AUTHENTICATED, methods)


def site_admin_view(
    permission: str, *, methods: Sequence[str] = ("GET",)
) -> Callable[[View], View]:
    """Only for people given ``permission`` (``"app_label.codename"``) explicitly."""
    return _declare(Audience.SITE_ADMIN, methods, permission)


def declared(audience: Audience, *, methods: Sequence[str] = ("GET",)) -> Callable[[type], type]:
    """Class decorator for class-based views that enforce their audience themselves
    (Django's auth views, ``LoginRequiredMixin``): records the rule, changes nothing.
    The permission matrix checks that the view behaves as declared."""

    def decorate(cls: type) -> type:
        cls.rule = ViewRule(audience=audience, methods=allowed_methods(methods))  # type: ignore[attr-defined]
        return cls

    return decorate


def rule_of(view: Any) -> ViewRule | None:
    """The rule a view declared, looking through class-based views' ``as_view``."""
    rule = getattr(view, "rule", None)
    if rule is None and hasattr(view, "view_class"):
        rule = getattr(view.view_class, "rule", None)
    return rule if isinstance(rule, ViewRule) else None
