"""Every error as JSON ``{"detail": "…", "code": "…"}``, in the caller's language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from ritsen.core.errors import ServiceError


def install(api: NinjaAPI) -> None:
    def reply(request: HttpRequest, status: int, code: str, detail: str, **extra) -> HttpResponse:
        return api.create_response(
            request, {"detail": detail, "code": code, **extra}, status=status
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return reply(request, 404, "not_found", _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return reply(request, 403, "forbidden", str(exc) or _("You may not do this."))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return reply(
            request,
            401,
            "unauthenticated",
            _("Send a valid personal access token: Authorization: Bearer <token>."),
        )

    @api.exception_handler(ServiceError)
    def refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
        return reply(request, 400, "invalid", str(exc))

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        def field(loc: tuple) -> str:
            # ("body", "payload", "links", "1") -> "links.1"; ("query", "limit") -> "limit"
            parts = [str(part) for part in loc[1:]]
            return ".".join(parts[1:] if parts[:1] == ["payload"] else parts)

        fields = [
            {"field": field(tuple(error.get("loc", ()))), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
        return reply(request, 422, "validation", summary or _("Invalid input."), errors=fields)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return reply(request, 429, "rate_limited", _("Too many requests: wait a moment."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return reply(request, exc.status_code, "error", str(exc))
