"""The questionnaire through the API, for an intranet page or a kiosk. A respondent is
known by the secret of their link, not by a token — the same rules as the web form
(closing date, withdrawn and claimed links, one submission) and the same anonymity:
nothing here names or counts anyone.

An anonymous link is a one-time ticket: ``POST /respond/{secret}/claim`` turns it into
the respondent's own secret (the ticket then no longer works). A personal invitation's
secret is used as it is."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from ritsen.assessments import services
from ritsen.assessments.services import Refusal, Session
from ritsen.core.languages import supported

from . import schemas

# Not limited per address: at a kiosk, or behind a municipality's proxy, many
# respondents share one.
router = Router(tags=["respondents: answering"], auth=None, throttle=[])
ERRORS = {
    400: schemas.Error,
    404: schemas.Error,
    409: schemas.Error,
    410: schemas.Error,
    422: schemas.InvalidInput,
}


def _refusal(refused: Refusal) -> HttpError:
    messages = {
        Refusal.IN_USE: (409, _("This anonymous link is already in use.")),
        Refusal.REVOKED: (410, _("This link has been withdrawn.")),
        Refusal.CLOSED: (410, _("The round has closed: answers can no longer be given.")),
        Refusal.SUBMITTED: (410, _("These answers have been submitted.")),
        Refusal.NO_SESSION: (404, _("Not found.")),
    }
    status, message = messages[refused]
    return HttpError(status, message)


def _session(secret: str) -> Session:
    if services.is_claim_ticket(secret):
        raise HttpError(409, _("Claim this anonymous link first: POST …/claim."))
    session = services.open_session(secret)  # a personal link's token, or one's own secret
    if session is None:
        raise _refusal(Refusal.NO_SESSION)
    if session.refused is not None:
        raise _refusal(session.refused)
    return session


def _questionnaire(session: Session, language: str | None = None) -> dict:
    spec = session.round.framework.spec
    language = supported(language or "") or session.language
    answers, comments = session.answers, session.comments
    progress = {p.link_id: p for p in services.link_progress(spec, answers)}
    with translation.override(language):
        return {
            "round": session.round.title,
            "party": session.party.name,
            "language": language,
            "scale": {
                "min": spec.scale_min,
                "max": spec.scale_max,
                "labels": {str(k): v.get(language) for k, v in spec.scale_labels.items()},
            },
            "links": [
                {
                    "id": link.id,
                    "name": link.name.get(language),
                    "question": link.question.get(language),
                    "statements": [
                        {
                            "id": statement.id,
                            "text": statement.text.get(language),
                            "answer": answers.get(statement.id),
                            "answered": statement.id in answers,
                        }
                        for statement in link.statements
                    ],
                    "comment": comments.get(str(link.id), ""),
                    "complete": progress[link.id].complete,
                }
                for link in spec.links
            ],
            "resume_link": services.resume_link(spec, answers),
        }


@router.post("/{secret}/claim", response={201: schemas.ClaimedOut, **ERRORS})
def claim(request: HttpRequest, secret: str) -> Status:
    """Claim an anonymous link: returns your own secret, shown once."""
    if not services.is_claim_ticket(secret):
        raise _refusal(Refusal.NO_SESSION)
    entry = services.enter(secret)
    if entry is None or entry.secret is None:
        raise _refusal(entry.refused if entry and entry.refused else Refusal.NO_SESSION)
    return Status(201, {"secret": entry.secret})


@router.get("/{secret}", response={200: schemas.QuestionnaireOut, **ERRORS})
def questionnaire(request: HttpRequest, secret: str, language: str | None = None) -> dict:
    """The questionnaire with your saved answers (``language``: nl or en; reading
    changes nothing)."""
    return _questionnaire(_session(secret), language)


@router.put("/{secret}/answers", response={200: schemas.QuestionnaireOut, **ERRORS})
def save_answers(request: HttpRequest, secret: str, payload: schemas.AnswersIn) -> dict:
    """Save the answers of the links given (each replaced; the others kept): sending
    the same twice changes nothing."""
    session = _session(secret)
    spec = session.round.framework.spec
    known = {link.id for link in spec.links}
    unknown = sorted(set(payload.links) - known)
    if unknown:
        raise HttpError(400, _("There is no link %(ids)s.") % {"ids": ", ".join(map(str, unknown))})
    for link_id, given in sorted(payload.links.items()):
        statements = {s.id for s in spec.link(link_id).statements}
        extra = sorted(set(given.answers) - statements)
        if extra:
            raise HttpError(
                400,
                _("Link %(link)s has no statement %(ids)s.")
                % {"link": link_id, "ids": ", ".join(extra)},
            )
        services.save_link_answers(session, link_id, dict(given.answers), given.comment)
    return _questionnaire(session)  # the session holds what was just stored


@router.post("/{secret}/submit", response={204: None, **ERRORS})
def submit(request: HttpRequest, secret: str) -> Status:
    """Submit: your answers count from now on and can no longer be changed."""
    services.submit(_session(secret))
    return Status(204, None)
