"""The respondent's questionnaire: a personal link, no account, one page per link.

Works without JavaScript: every page is a plain form that saves on submit.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ritsen.assessments import services
from ritsen.core.errors import ServiceError
from ritsen.core.rules import public_view

DONT_KNOW = "?"


def _session(token: str) -> services.Session:
    session = services.open_session(token)
    if session is None:
        raise Http404
    return session


def _render(request, session, template, context=None, status=200):
    with translation.override(session.language):
        response = render(
            request,
            template,
            {
                "session": session,
                "round": session.round,
                "spec": session.round.framework.spec,
                "token": session.token,
                "respondent_language": session.language,
                **(context or {}),
            },
            status=status,
        )
    response["Content-Language"] = session.language
    # The token is in the URL: never send it to another site in a Referer header.
    # (Not "no-referrer": browsers then send "Origin: null" and CSRF checks fail.)
    response["Referrer-Policy"] = "same-origin"
    return response


def _unavailable(request, session):
    """A link that cannot be used to answer (any more) says why — nothing is lost."""
    if session.invitation.is_revoked:
        reason = "revoked"
    elif session.submitted:
        reason = "submitted"
    else:
        reason = "closed"
    return _render(request, session, "respond/unavailable.html", {"reason": reason}, status=200)


@never_cache
@public_view()
def start(request, token: str):
    session = _session(token)
    if not session.can_answer:
        return _unavailable(request, session)
    spec = session.round.framework.spec
    answered_links = {
        link.id for link in spec.links if any(s.id in session.answers for s in link.statements)
    }
    return _render(
        request,
        session,
        "respond/start.html",
        {"answered_links": answered_links, "first_link": spec.links[0].id},
    )


@never_cache
@public_view(methods=["POST"])
def set_language(request, token: str):
    session = _session(token)
    services.set_language(session, request.POST.get("language", ""))
    next_link = request.POST.get("next_link", "")
    if next_link.isdigit():
        return redirect("respond:link", token, int(next_link))
    return redirect("respond:start", token)


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


@never_cache
@public_view(methods=["GET", "POST"])
def link_page(request, token: str, link_id: int):
    session = _session(token)
    if not session.can_answer:
        return _unavailable(request, session)
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
                return _unavailable(request, services.open_session(token) or session)
            if "previous" in request.POST and previous_id:
                return redirect("respond:link", token, previous_id)
            if "save" in request.POST:
                return redirect("respond:link", token, link.id)
            if next_id:
                return redirect("respond:link", token, next_id)
            return redirect("respond:review", token)
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


@never_cache
@public_view(methods=["GET", "POST"])
def review(request, token: str):
    session = _session(token)
    if not session.can_answer:
        return _unavailable(request, session)
    spec = session.round.framework.spec
    if request.method == "POST":
        try:
            services.submit(session)
        except ServiceError:
            return _unavailable(request, services.open_session(token) or session)
        return _render(request, session, "respond/thanks.html")
    rows = []
    for link in spec.links:
        answered = sum(1 for s in link.statements if s.id in session.answers)
        rows.append((link, answered, len(link.statements)))
    return _render(request, session, "respond/review.html", {"rows": rows})
