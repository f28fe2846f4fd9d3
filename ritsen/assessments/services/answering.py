"""Respondents answer: no account, a secret is the key.

* A **personal link** (``/r/<token>/`` from the invitation email) opens the person's
  own session: their response is found from the token.
* An **anonymous link** is a one-time claim ticket: the first person to start with it
  claims it (:func:`enter`) and gets a new secret of their own — shown once as their
  *resume link* — that finds their response from then on. The handed-out link says
  only that it is in use.

What a respondent does writes responses and keyed marks only, never an invitation
(see :mod:`ritsen.assessments.models.respondents`): a coordinator who handed out an
anonymous link, or anyone reading the database without the key, cannot follow it to
the answers. The views keep the secret in a cookie, so URLs after the first carry no
secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from ritsen.collaborations.models import Party
from ritsen.core.errors import ServiceError
from ritsen.core.languages import supported
from ritsen.frameworks.spec import FrameworkSpec

from .. import visibility
from ..models import Channel, RespondentInvitation, RespondentMark, Response, Round
from ..models.respondents import new_secret, secret_digest, token_hash

Mark = RespondentMark.Kind


class Refusal(StrEnum):
    """Why a link cannot be used to answer."""

    IN_USE = "in_use"  # an anonymous link somebody already claimed
    REVOKED = "revoked"
    CLOSED = "closed"
    SUBMITTED = "submitted"
    NO_SESSION = "no_session"  # no (valid) link opened in this browser


@dataclass(frozen=True)
class Entry:
    """What opening a link leads to: the secret to keep (the cookie's), or why not."""

    secret: str | None = None
    claimed: bool = False  # an anonymous link was claimed just now: show the resume link
    refused: Refusal | None = None


def _ticket(secret: str) -> RespondentInvitation | None:
    # The secret is the key, so the lookup runs before any party is known.
    with scopes_disabled():
        return (
            RespondentInvitation.objects.select_related("round")
            .filter(token_hash=token_hash("invitation", secret))
            .first()
        )


def is_claim_ticket(secret: str) -> bool:
    """Whether ``secret`` is an anonymous link (which needs a click to be claimed)."""
    invitation = _ticket(secret)
    return invitation is not None and invitation.is_anonymous


def enter(secret: str) -> Entry | None:
    """Open the link with ``secret`` — claiming it if it is an unclaimed anonymous
    link. ``None`` when the secret is not a link at all."""
    invitation = _ticket(secret)
    if invitation is not None and invitation.is_anonymous:
        return _claim(invitation, secret)
    if invitation is not None or open_session(secret) is not None:
        return Entry(secret=secret)
    return None


def _claim(ticket: RespondentInvitation, ticket_secret: str) -> Entry:
    digest = RespondentMark.digest_for(Mark.CLAIMED, ticket_secret)
    # Closed and withdrawn first: afterwards a link must not tell whether it was used.
    if not visibility.accepts_answers(ticket.round):
        return Entry(refused=Refusal.CLOSED)
    if ticket.is_revoked:
        return Entry(refused=Refusal.REVOKED)
    with scope(party=[ticket.party_id]):
        if RespondentMark.objects.filter(digest=digest).exists():
            return Entry(refused=Refusal.IN_USE)
        secret = new_secret()
        try:
            with transaction.atomic():
                RespondentMark.objects.create(
                    round_id=ticket.round_id,
                    party_id=ticket.party_id,
                    kind=Mark.CLAIMED,
                    digest=digest,
                )
                response = Response(
                    round_id=ticket.round_id,
                    party_id=ticket.party_id,
                    lookup_hash=secret_digest("response", secret),
                    language=ticket.round.language,
                )
                response.set_channel(Channel.LINK)
                response.save(force_insert=True)
        except IntegrityError:  # claimed by someone else at the same moment
            return Entry(refused=Refusal.IN_USE)
    return Entry(secret=secret, claimed=True)


def has_submitted(secret: str) -> bool:
    with scopes_disabled():
        return RespondentMark.objects.filter(
            digest=RespondentMark.digest_for(Mark.SUBMITTED, secret)
        ).exists()


@dataclass(frozen=True)
class LinkProgress:
    """How far a respondent got with one link. A link is answered only when every
    statement has a score or "don't know" (``answers`` holds ``None`` for that)."""

    link_id: int
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    @property
    def started(self) -> bool:
        return self.answered > 0


def link_progress(spec: FrameworkSpec, answers: Mapping[str, object]) -> list[LinkProgress]:
    """Per link of ``spec``, in order: how many of its statements ``answers`` covers."""
    return [
        LinkProgress(
            link_id=link.id,
            answered=sum(1 for statement in link.statements if statement.id in answers),
            total=len(link.statements),
        )
        for link in spec.links
    ]


def resume_link(spec: FrameworkSpec, answers: Mapping[str, object]) -> int | None:
    """Where to continue: the first link that is not answered completely (``None``:
    every link is, so the next step is to review and submit)."""
    return next((p.link_id for p in link_progress(spec, answers) if not p.complete), None)


@dataclass
class Session:
    """A respondent's session: their round and party, their response once started."""

    secret: str
    round: Round
    party: Party
    invitation: RespondentInvitation | None  # a personal invitation; None for a resume link
    response: Response | None
    submitted: bool

    @property
    def refused(self) -> Refusal | None:
        if self.submitted:
            return Refusal.SUBMITTED
        if self.invitation is not None and self.invitation.is_revoked:
            return Refusal.REVOKED
        if not visibility.accepts_answers(self.round):
            return Refusal.CLOSED
        return None

    @property
    def can_answer(self) -> bool:
        return self.refused is None

    @property
    def answers(self) -> dict:
        return self.response.answers if self.response else {}

    @property
    def comments(self) -> dict:
        return self.response.comments if self.response else {}

    @property
    def language(self) -> str:
        return self.response.language if self.response else self.round.language


def open_session(secret: str) -> Session | None:
    """The session of ``secret`` (a personal link's token, or a resume secret)."""
    related = ("round__collaboration", "round__framework", "party__organisation")
    with scopes_disabled():
        invitation = (
            RespondentInvitation.objects.select_related(*related)
            .filter(token_hash=token_hash("invitation", secret))
            .exclude(email="")
            .first()
        )
        response = (
            Response.objects.select_related(*related)
            .filter(lookup_hash=secret_digest("response", secret))
            .first()
        )
        mark = (
            RespondentMark.objects.select_related(*related)
            .filter(digest=RespondentMark.digest_for(Mark.SUBMITTED, secret))
            .first()
        )
    holder = invitation or response or mark
    if holder is None:
        return None
    return Session(
        secret=secret,
        round=holder.round,
        party=holder.party,
        invitation=invitation,
        response=response,
        submitted=mark is not None,
    )


def _ensure_response(session: Session) -> Response:
    if session.response is None:
        response = Response(
            round=session.round,
            party=session.party,
            lookup_hash=secret_digest("response", session.secret),
            language=session.round.language,
        )
        response.set_channel(Channel.PERSONAL if session.invitation else Channel.LINK)
        with scope(party=[session.party.pk]):
            response.save(force_insert=True)
        session.response = response
    return session.response


def _write(response: Response, fields: list[str]) -> None:
    """Store ``fields`` of the respondent's own response. At close the round's rows are
    written anew under new keys (:func:`.rounds.erase_links`): an answer that arrives
    after that finds no row, and is told that answering has stopped."""
    values = {field: getattr(response, field) for field in fields}
    # Never a submitted row: a save that read its session before a submission loses.
    if not Response.objects.filter(pk=response.pk, submitted=False).update(**values):
        raise ServiceError(_("Answers can no longer be changed."))


def _require_answering(session: Session) -> None:
    if not session.can_answer:
        raise ServiceError(_("Answers can no longer be changed."))


@transaction.atomic
def set_language(session: Session, language: str) -> None:
    if supported(language) != language or not session.can_answer:
        return
    response = _ensure_response(session)
    response.language = language
    with scope(party=[session.party.pk]):
        _write(response, ["language"])


@transaction.atomic
def save_link_answers(
    session: Session, link_id: int, answers: dict[str, int | None], comment: str
) -> None:
    """Store the answers to one link's statements (absent = not answered)."""
    _require_answering(session)
    spec = session.round.framework.spec
    link = spec.link(link_id)
    response = _ensure_response(session)
    for statement in link.statements:
        if statement.id in answers:
            value = answers[statement.id]
            if value is not None and not spec.scale_min <= value <= spec.scale_max:
                raise ServiceError(_("An answer is outside the scale."))
            response.answers[statement.id] = value
        else:
            response.answers.pop(statement.id, None)
    comment = comment.strip()
    if comment:
        response.comments[str(link_id)] = comment
    else:
        response.comments.pop(str(link_id), None)
    with scope(party=[session.party.pk]):
        _write(response, ["answers", "comments"])


@transaction.atomic
def submit(session: Session) -> None:
    """Submit: the answers can no longer be changed, and the secret no longer leads to
    them — it only remembers (keyed) that it has been used."""
    _require_answering(session)
    response = _ensure_response(session)
    response.submitted = True
    response.lookup_hash = None
    with scope(party=[session.party.pk]):
        _write(response, ["submitted", "lookup_hash"])
        RespondentMark.objects.get_or_create(
            digest=RespondentMark.digest_for(Mark.SUBMITTED, session.secret),
            defaults={"round": session.round, "party": session.party, "kind": Mark.SUBMITTED},
        )
    session.submitted = True
    session.response = None
