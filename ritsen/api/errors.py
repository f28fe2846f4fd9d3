"""Every error as JSON ``{"detail": "…", "code": "…"}``, in the caller's language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from ritsen.core.errors import ServiceError


def _messages() -> dict[str, str]:
    """pydantic's error types, in the caller's language (its own texts are English)."""
    return {
        "missing": _("This field is required."),
        "string_type": _("Enter a text."),
        "string_too_short": _("Enter at least %(min_length)s characters."),
        "string_too_long": _("Enter at most %(max_length)s characters."),
        "string_pattern_mismatch": _("Enter a valid value."),
        "int_type": _("Enter a whole number."),
        "int_parsing": _("Enter a whole number."),
        "int_from_float": _("Enter a whole number."),
        "bool_type": _("Enter true or false."),
        "bool_parsing": _("Enter true or false."),
        "greater_than_equal": _("Enter a number of at least %(ge)s."),
        "less_than_equal": _("Enter a number of at most %(le)s."),
        "enum": _("Choose one of: %(expected)s."),
        "literal_error": _("Choose one of: %(expected)s."),
        "extra_forbidden": _("There is no such field."),
        "list_type": _("Enter a list."),
        "dict_type": _("Enter an object."),
        "model_type": _("Enter an object."),
        "too_short": _("Enter at least %(min_length)s items."),
        "too_long": _("Enter at most %(max_length)s items."),
        "datetime_parsing": _("Enter a date and time (ISO 8601)."),
        "datetime_type": _("Enter a date and time (ISO 8601)."),
        "datetime_from_date_parsing": _("Enter a date and time (ISO 8601)."),
        "date_parsing": _("Enter a date (YYYY-MM-DD)."),
        "date_from_datetime_parsing": _("Enter a date (YYYY-MM-DD)."),
        "decimal_parsing": _("Enter a number."),
        "json_invalid": _("The body is not valid JSON."),
    }


def message(error: dict) -> str:
    """One validation error as a sentence in the caller's language."""
    context = error.get("ctx") or {}
    if error.get("type") == "value_error" and "error" in context:
        return str(context["error"])  # our own validators' texts are translated
    if error.get("type") == "string_too_short" and str(context.get("min_length")) == "1":
        return _("This field may not be empty.")
    template = _messages().get(str(error.get("type", "")))
    if template is None:
        return str(error.get("msg", ""))
    try:
        return template % {key: str(value) for key, value in context.items()}
    except (KeyError, ValueError):
        return str(error.get("msg", ""))


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
            {"field": field(tuple(error.get("loc", ()))), "message": message(error)}
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
