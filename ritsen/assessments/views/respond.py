"""The respondent's questionnaire: a link, no account, one page per link.

The link's secret is in the URL of the first request only (``/r/<secret>/``): it is
traded for a cookie bound to this browser session and the respondent is redirected to
``/r/`` — as Django's password reset does — so the secret is not in the address bar,
the history, a Referer or any later log line (and the first line is redacted). An
anonymous link is claimed with a click (so that a chat program's link preview cannot
claim it), after which the respondent sees their own resume link, once.

Works without JavaScript: every page is a plain form that saves on submit. The pages
are not CSRF-protected by token — they send no Referer at all, and browsers then send
``Origin: null`` — but by the cookie, which is ``SameSite=Lax`` (no cross-site form
sends it) and by refusing cross-site ``Sec-Fetch-Site``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from ritsen.assessments import services
from ritsen.assessments.services import Refusal
from ritsen.core import crypto
from ritsen.core.errors import ServiceError
from ritsen.core.numbers import whole_number
from ritsen.core.rules import public_view

DONT_KNOW = "?"
COOKIE = "ritsen_respondent"


# --- the session cookie --------------------------------------------------------------


def _cookie_path() -> str:
    return reverse("respond:start")


def _read_cookie(request: HttpRequest) -> tuple[str | None, bool]:
    """``(secret, fresh)`` from the cookie; ``fresh``: the resume link is still to be
    shown (just after claiming an anonymous link)."""
    sealed = request.COOKIES.get(COOKIE, "")
    plain = crypto.decrypt(sealed) if sealed else None
    if not plain:
        return None, False
    try:
        data = json.loads(plain)
        return str(data["s"]), bool(data.get("fresh"))
    except (ValueError, KeyError, TypeError):
        return None, False


def _keep(response: HttpResponse, secret: str, *, fresh: bool = False) -> HttpResponse:
    response.set_cookie(
        COOKIE,
        crypto.encrypt(json.dumps({"s": secret, "fresh": fresh})),
        path=_cookie_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _forget(response: HttpResponse) -> HttpResponse:
    response.delete_cookie(COOKIE, path=_cookie_path(), samesite="Lax")
    return response


def respondent_page(methods: tuple[str, ...] = ("GET",)) -> Callable:
    """Public, never cached, no Referer, and POSTs only from this site."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and request.headers.get("Sec-Fetch-Site") not in (
                None,
                "same-origin",
                "none",
            ):
                return HttpResponseForbidden(_("This form can only be sent from this site."))
            response = view(request, *args, **kwargs)
            # The first URL holds the secret: never send any of these pages' URLs on.
            response["Referrer-Policy"] = "no-referrer"
            return response

        guarded.__name__ = view.__name__
        guarded.__doc__ = view.__doc__
        return public_view(methods=methods)(csrf_exempt(never_cache(guarded)))

    return decorate


# --- pages ---------------------------------------------------------------------------


def _render(
    request: HttpRequest,
    session: services.Session | None,
    template: str,
    context: dict | None = None,
    status: int = 200,
    language: str | None = None,
) -> HttpResponse:
    language = language or (session.language if session else translation.get_language())
    with translation.override(language):
        response = render(
            request,
            template,
            {
                "session": session,
                "round": session.round if session else None,
                "spec": session.round.framework.spec if session else None,
                "respondent_language": language,
                **(context or {}),
            },
            status=status,
        )
    response["Content-Language"] = language
    return response


def _unavailable(
    request: HttpRequest, session: services.Session | None, reason: Refusal, status: int = 200
) -> HttpResponse:
    """A link that cannot be used to answer (any more) says why — nothing is lost."""
    return _render(request, session, "respond/unavailable.html", {"reason": reason}, status=status)


def _session(request: HttpRequest) -> services.Session | None:
    secret, _fresh = _read_cookie(request)
    return services.open_session(secret) if secret else None


@respondent_page(methods=("GET", "POST"))
def enter(request: HttpRequest, secret: str) -> HttpResponse:
    if request.method == "GET" and services.is_claim_ticket(secret):
        # Claimed only by a person's click, never by a link preview fetching the URL.
        return _render(request, None, "respond/claim.html", {"secret": secret})
    current = _session(request)
    if (
        request.method == "GET"
        and current is not None
        and current.secret != secret
        and services.open_session(secret) is not None
    ):
        # Another questionnaire is open in this browser: a link from elsewhere must not
        # silently swap it for a session someone else holds the key to.
        return _render(request, current, "respond/switch.html", {"secret": secret})
    entry = services.enter(secret)
    if entry is None:
        return _unavailable(request, None, Refusal.NO_SESSION, status=404)
    if entry.refused is not None:
        return _unavailable(request, None, entry.refused)
    assert entry.secret is not None
    return _keep(redirect("respond:start"), entry.secret, fresh=entry.claimed)


@respondent_page()
def start(request: HttpRequest) -> HttpResponse:
    secret, fresh = _read_cookie(request)
    session = services.open_session(secret) if secret else None
    if session is None:
        return _forget(_unavailable(request, None, Refusal.NO_SESSION, status=403))
    if not session.can_answer:
        return _unavailable(request, session, session.refused or Refusal.CLOSED)
    spec = session.round.framework.spec
    progress = services.link_progress(spec, session.answers)
    response = _render(
        request,
        session,
        "respond/start.html",
        {
            "links": list(zip(spec.links, progress, strict=True)),
            "started": any(p.started for p in progress),
            "resume_link": services.resume_link(spec, session.answers),
            "resume_url": services.respondent_url(session.secret, _base_url(request))
            if fresh
            else None,
            "personal": session.invitation is not None,
        },
    )
    # The resume link is shown once: from now on the cookie no longer asks for it.
    return _keep(response, session.secret) if fresh else response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@respondent_page(methods=("POST",))
def set_language(request: HttpRequest) -> HttpResponse:
    session = _session(request)
    if session is None:
        return _forget(_unavailable(request, None, Refusal.NO_SESSION, status=403))
    services.set_language(session, request.POST.get("language", ""))
    next_link = whole_number(request.POST.get("next_link", ""))
    if next_link is not None:
        return redirect("respond:link", next_link)
    return redirect("respond:start")


def _parse(request, link, spec):
    """The posted answers to ``link``: {statement_id: int | None}; errors per statement."""
    answers: dict[str, int | None] = {}
    errors: dict[str, str] = {}
    for statement in link.statements:
        raw = request.POST.get(f"s-{statement.id}", "").strip()
        if raw == "":
            continue
        if raw == DONT_KNOW:
            answers[statement.id] = None
            continue
        value: int | None
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not spec.scale_min <= value <= spec.scale_max:
            errors[statement.id] = _("Choose one of the options.")
            continue
        answers[statement.id] = value
    return answers, errors


@respondent_page(methods=("GET", "POST"))
def link_page(request: HttpRequest, link_id: int) -> HttpResponse:
    session = _session(request)
    if session is None:
        return _forget(_unavailable(request, None, Refusal.NO_SESSION, status=403))
    if not session.can_answer:
        return _unavailable(request, session, session.refused or Refusal.CLOSED)
    spec = session.round.framework.spec
    ids = [link.id for link in spec.links]
    if link_id not in ids:
        raise Http404
    link = spec.link(link_id)
    position = ids.index(link_id)
    previous_id = ids[position - 1] if position > 0 else None
    next_id = ids[position + 1] if position + 1 < len(ids) else None
    errors = {}
    current = {
        s.id: session.answers.get(s.id, "") for s in link.statements if s.id in session.answers
    }
    comment = session.comments.get(str(link.id), "")
    if request.method == "POST":
        answers, errors = _parse(request, link, spec)
        comment = request.POST.get("comment", "")
        if not errors:
            try:
                services.save_link_answers(session, link.id, answers, comment)
            except ServiceError:
                fresh = services.open_session(session.secret) or session
                return _unavailable(request, fresh, fresh.refused or Refusal.CLOSED)
            if "previous" in request.POST and previous_id:
                return redirect("respond:link", previous_id)
            if "save" in request.POST:
                return redirect("respond:link", link.id)
            if next_id:
                return redirect("respond:link", next_id)
            return redirect("respond:review")
        current = dict(answers)
        for sid in errors:
            current[sid] = request.POST.get(f"s-{sid}", "")
    statements = [
        {
            "statement": statement,
            "value": ""
            if current.get(statement.id, "") == ""
            else (DONT_KNOW if current.get(statement.id) is None else str(current[statement.id])),
            "error": errors.get(statement.id),
        }
        for statement in link.statements
    ]
    return _render(
        request,
        session,
        "respond/link.html",
        {
            "link": link,
            "statements": statements,
            "comment": comment,
            "errors": errors,
            "position": position + 1,
            "total": len(ids),
            "previous_id": previous_id,
            "next_id": next_id,
            "scale": _scale(spec, session.language),
        },
        status=400 if errors else 200,
    )


def _scale(spec, lang: str):
    return [
        (
            str(value),
            spec.scale_labels[value].get(lang) if value in spec.scale_labels else str(value),
        )
        for value in range(spec.scale_min, spec.scale_max + 1)
    ]


@respondent_page(methods=("GET", "POST"))
def review(request: HttpRequest) -> HttpResponse:
    session = _session(request)
    if session is None:
        return _forget(_unavailable(request, None, Refusal.NO_SESSION, status=403))
    if not session.can_answer:
        return _unavailable(request, session, session.refused or Refusal.CLOSED)
    spec = session.round.framework.spec
    if request.method == "POST":
        try:
            services.submit(session)
        except ServiceError:
            fresh = services.open_session(session.secret) or session
            return _unavailable(request, fresh, fresh.refused or Refusal.CLOSED)
        # Done: this browser forgets the secret.
        return _forget(_render(request, session, "respond/thanks.html"))
    progress = services.link_progress(spec, session.answers)
    rows = [(link, p.answered, p.total) for link, p in zip(spec.links, progress, strict=True)]
    return _render(request, session, "respond/review.html", {"rows": rows})
