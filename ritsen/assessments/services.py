"""Operations on assessment rounds: open and close, invite respondents, answer,
release. Views, commands, the demo (and the coming API) call these.

Operations by people take the acting :class:`~ritsen.collaborations.access.Access`
and check its permission first; respondents act through the secret of their link,
which is their key. What is visible when is decided in :mod:`.visibility`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.models import Collaboration, Party, PartyLike
from ritsen.collaborations.selectors import parties_of
from ritsen.core import crypto, periodic
from ritsen.core.errors import ServiceError
from ritsen.core.languages import supported

from . import visibility
from .models import PartyRelease, RespondentInvitation, Response, Round, RoundState
from .models.respondents import token_hash
from .signals import round_shared

MAX_LINKS_AT_ONCE = 500

# --- rounds ------------------------------------------------------------------------


def _close(round_: Round, at: datetime) -> None:
    round_.state = RoundState.CLOSED
    round_.closed_at = at
    round_.save(update_fields=["state", "closed_at"])


@periodic.register("close-due-rounds")
def close_due_rounds(collaboration: Collaboration | None = None) -> str:
    """Close every open round whose closing date has passed (closed at that date).

    Run by ``ritsen cron`` and the timer in ``ritsen serve`` — never by a page view.
    Safe to run concurrently: each round is locked and checked again.
    """
    now = timezone.now()
    due = Round.objects.filter(state=RoundState.OPEN, closes_at__lte=now)
    if collaboration is not None:
        due = due.filter(collaboration=collaboration)
    closed = 0
    for round_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            round_ = Round.objects.select_for_update().get(pk=round_id)
            if round_.state == RoundState.OPEN and round_.closes_at and round_.closes_at <= now:
                _close(round_, round_.closes_at)
                closed += 1
    return f"{closed} round(s) closed" if closed else ""


def current_round(collaboration: Collaboration) -> Round | None:
    return collaboration.rounds.filter(state=RoundState.OPEN).first()


@transaction.atomic
def open_round(
    *,
    access: Access,
    title: str,
    closes_at: datetime | None = None,
    language: str = "nl",
) -> Round:
    access.require(Perm.MANAGE_ROUNDS)
    collaboration = access.collaboration
    # A round whose date passed but that the timer did not close yet is no obstacle.
    close_due_rounds(collaboration)
    if collaboration.rounds.filter(state=RoundState.OPEN).exists():
        raise ServiceError(_("A round is already open. Close it before you open a new one."))
    if collaboration.parties.count() < 2:
        raise ServiceError(_("A round needs at least two parties in the collaboration."))
    if closes_at is not None and closes_at <= timezone.now():
        raise ServiceError(_("The closing date must be in the future."))
    try:
        with transaction.atomic():
            return Round.objects.create(
                collaboration=collaboration,
                framework=collaboration.framework,
                title=title,
                closes_at=closes_at,
                language=language,
                created_by=access.user,
            )
    except IntegrityError as error:  # a concurrent open
        raise ServiceError(_("A round is already open.")) from error


@transaction.atomic
def close_round(round_: Round, *, access: Access) -> Round:
    access.require(Perm.MANAGE_ROUNDS)
    round_ = Round.objects.select_for_update().get(pk=round_.pk, collaboration=access.collaboration)
    if round_.state == RoundState.OPEN:
        now = timezone.now()
        _close(round_, min(now, round_.closes_at or now))
    return round_


# --- respondent invitations ----------------------------------------------------------


def respondent_url(token: str, base_url: str | None = None) -> str:
    return (base_url or settings.BASE_URL) + reverse("respond:start", args=[token])


def _new_invitation(
    round_: Round, party: Party, *, email: str = "", label: str = ""
) -> tuple[RespondentInvitation, str]:
    token = RespondentInvitation.new_token()
    invitation = RespondentInvitation.objects.create(
        round=round_,
        party=party,
        email=email,
        label=label,
        token_hash=token_hash("invitation", token),
        token_encrypted=crypto.encrypt(token),
    )
    return invitation, token


def invitation_token(invitation: RespondentInvitation) -> str | None:
    return crypto.decrypt(invitation.token_encrypted) if invitation.token_encrypted else None


def invitation_link(invitation: RespondentInvitation, base_url: str | None = None) -> str | None:
    token = invitation_token(invitation)
    return respondent_url(token, base_url) if token else None


def _require_open(round_: Round) -> None:
    if not visibility.accepts_answers(round_):
        raise ServiceError(_("This round is closed."))


def _require_respondents(access: Access, round_: Round, party: Party) -> None:
    if round_.collaboration_id != access.collaboration.pk:
        raise Http404
    access.require(Perm.MANAGE_RESPONDENTS, party=party)


def parse_emails(text: str) -> tuple[list[str], list[str]]:
    """Split pasted text into valid addresses (deduplicated, in order) and invalid ones."""
    valid: list[str] = []
    invalid: list[str] = []
    for raw in text.replace(",", "\n").replace(";", "\n").split():
        email = raw.strip().strip("<>").lower()
        if not email:
            continue
        try:
            validate_email(email)
        except Exception:  # noqa: BLE001 - any validation failure is "invalid"
            invalid.append(raw)
            continue
        if email not in valid:
            valid.append(email)
    return valid, invalid


@dataclass(frozen=True)
class InviteOutcome:
    created: int
    already_invited: list[str]


Mail = tuple[str, str, str, list[str]]


def _invitation_mail(invitation: RespondentInvitation, token: str, *, reminder: bool) -> Mail:
    round_ = invitation.round
    context = {
        "round": round_,
        "party": invitation.party,
        "collaboration": round_.collaboration,
        "url": respondent_url(token),
        "reminder": reminder,
    }
    with translation.override(round_.language):
        if reminder:
            subject = _("Reminder: your answers for “%(title)s”") % {"title": round_.title}
        else:
            subject = _("Your opinion on the collaboration “%(name)s”") % {
                "name": round_.collaboration.name
            }
        body = render_to_string("assessments/email/respondent_invitation.txt", context)
    return (subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def _send(messages: list[Mail]) -> None:
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


def invitations_of(round_: Round, party: Party) -> list[RespondentInvitation]:
    """A party's respondent invitations (for its coordinators), in a stable order."""
    with scope(party=[party.pk]):
        return list(
            round_.invitations.filter(party=party)
            .select_related("round__collaboration", "party__organisation")
            .order_by("email", "label", "pk")
        )


@transaction.atomic
def invite_respondents(
    round_: Round, party: Party, emails: Iterable[str], *, access: Access
) -> InviteOutcome:
    _require_respondents(access, round_, party)
    _require_open(round_)
    with scope(party=[party.pk]):
        existing = set(
            round_.invitations.filter(party=party, revoked_at__isnull=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        messages, already = [], []
        for email in emails:
            if email in existing:
                already.append(email)
                continue
            invitation, token = _new_invitation(round_, party, email=email)
            invitation.sent_count = 1
            invitation.save(update_fields=["sent_count"])
            messages.append(_invitation_mail(invitation, token, reminder=False))
            existing.add(email)
    _send(messages)
    return InviteOutcome(created=len(messages), already_invited=already)


@transaction.atomic
def generate_links(
    round_: Round, party: Party, count: int, *, access: Access
) -> list[RespondentInvitation]:
    _require_respondents(access, round_, party)
    _require_open(round_)
    if not 1 <= count <= MAX_LINKS_AT_ONCE:
        raise ServiceError(
            _("Generate between 1 and %(max)d links at a time.") % {"max": MAX_LINKS_AT_ONCE}
        )
    with scope(party=[party.pk]):
        start = round_.invitations.filter(party=party, email="").count()
        return [
            _new_invitation(
                round_, party, label=_("Anonymous link %(number)d") % {"number": start + i + 1}
            )[0]
            for i in range(count)
        ]


@transaction.atomic
def revoke_invitation(invitation: RespondentInvitation, *, access: Access) -> None:
    _require_respondents(access, invitation.round, invitation.party)
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.token_encrypted = ""
        invitation.save(update_fields=["revoked_at", "token_encrypted"])


@transaction.atomic
def resend_invitation(invitation: RespondentInvitation, *, access: Access) -> None:
    """Send the same link again — silently not to someone who already submitted, so a
    coordinator cannot learn from the outcome who has answered."""
    _require_respondents(access, invitation.round, invitation.party)
    _require_open(invitation.round)
    if not invitation.email or invitation.is_revoked:
        raise ServiceError(_("This invitation cannot be sent again."))
    token = invitation_token(invitation)
    if token is None:  # submitted: the token was erased
        return
    invitation.sent_count += 1
    invitation.save(update_fields=["sent_count"])
    _send([_invitation_mail(invitation, token, reminder=False)])


@transaction.atomic
def send_reminders(round_: Round, party: Party, *, access: Access) -> int:
    """Remind every emailed respondent of ``party`` who has not submitted yet."""
    _require_respondents(access, round_, party)
    _require_open(round_)
    with scope(party=[party.pk]):
        pending = round_.invitations.filter(party=party, revoked_at__isnull=True).exclude(
            Q(email="") | Q(status=RespondentInvitation.Status.SUBMITTED)
        )
        messages = []
        for invitation in pending.select_related("round__collaboration", "party__organisation"):
            token = invitation_token(invitation)
            if token:
                messages.append(_invitation_mail(invitation, token, reminder=True))
        pending.update(sent_count=F("sent_count") + 1)
    _send(messages)
    return len(messages)


@dataclass(frozen=True)
class Progress:
    party: PartyLike
    invited: int
    started: int
    submitted: int

    @property
    def response_rate(self) -> int:
        return round(100 * self.submitted / self.invited) if self.invited else 0


def progress(round_: Round) -> list[Progress]:
    """Per party: invited, started, submitted — counts only, shared with everyone in
    the collaboration, in one query."""
    status = RespondentInvitation.Status
    parties = parties_of(round_.collaboration)
    with scope(party=[party.pk for party in parties]):
        counts = {
            row["party"]: row
            for row in round_.invitations.filter(revoked_at__isnull=True)
            .values("party")
            .annotate(
                invited=Count("pk"),
                started=Count("pk", filter=Q(status__in=[status.STARTED, status.SUBMITTED])),
                submitted=Count("pk", filter=Q(status=status.SUBMITTED)),
            )
        }
    empty = {"invited": 0, "started": 0, "submitted": 0}
    return [
        Progress(
            party=party,
            invited=counts.get(party.pk, empty)["invited"],
            started=counts.get(party.pk, empty)["started"],
            submitted=counts.get(party.pk, empty)["submitted"],
        )
        for party in parties
    ]


# --- answering -------------------------------------------------------------------
#
# A respondent has no account: the secret token in their link is the key. Every
# function here works inside the scope of the invitation's party only.


@dataclass
class Session:
    """What a respondent's link opens: the invitation, and their response if started."""

    invitation: RespondentInvitation
    response: Response | None
    token: str

    @property
    def round(self) -> Round:
        return self.invitation.round

    @property
    def submitted(self) -> bool:
        return self.invitation.status == RespondentInvitation.Status.SUBMITTED

    @property
    def can_answer(self) -> bool:
        return (
            visibility.accepts_answers(self.round)
            and not self.submitted
            and not self.invitation.is_revoked
        )

    @property
    def answers(self) -> dict:
        return self.response.answers if self.response else {}

    @property
    def comments(self) -> dict:
        return self.response.comments if self.response else {}

    @property
    def language(self) -> str:
        return self.response.language if self.response else self.round.language


def open_session(token: str) -> Session | None:
    # The token is the key, so the lookup runs before any party is known; everything
    # after it stays inside the invitation's party.
    with scopes_disabled():
        invitation = (
            RespondentInvitation.objects.select_related(
                "round__collaboration", "round__framework", "party__organisation"
            )
            .filter(token_hash=token_hash("invitation", token))
            .first()
        )
    if invitation is None:
        return None
    with scope(party=[invitation.party_id]):
        response = Response.objects.filter(lookup_hash=token_hash("response", token)).first()
    return Session(invitation=invitation, response=response, token=token)


def _ensure_response(session: Session) -> Response:
    if session.response is None:
        session.response = Response.objects.create(
            round=session.round,
            party=session.invitation.party,
            lookup_hash=token_hash("response", session.token),
            language=session.round.language,
        )
        with scope(party=[session.invitation.party_id]):
            RespondentInvitation.objects.filter(pk=session.invitation.pk).update(
                status=RespondentInvitation.Status.STARTED
            )
        session.invitation.status = RespondentInvitation.Status.STARTED
    return session.response


@transaction.atomic
def set_language(session: Session, language: str) -> None:
    if supported(language) != language or not session.can_answer:
        return
    response = _ensure_response(session)
    response.language = language
    response.save(update_fields=["language"])


@transaction.atomic
def save_link_answers(
    session: Session, link_id: int, answers: dict[str, int | None], comment: str
) -> None:
    """Store the answers to one link's statements (absent = not answered)."""
    if not session.can_answer:
        raise ServiceError(_("Answers can no longer be changed."))
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
    response.save(update_fields=["answers", "comments"])


@transaction.atomic
def submit(session: Session) -> None:
    if not session.can_answer:
        raise ServiceError(_("Answers can no longer be changed."))
    response = _ensure_response(session)
    # Cut the last thread between the link and the answers.
    response.submitted = True
    response.lookup_hash = None
    response.save(update_fields=["submitted", "lookup_hash"])
    with scope(party=[session.invitation.party_id]):
        RespondentInvitation.objects.filter(pk=session.invitation.pk).update(
            status=RespondentInvitation.Status.SUBMITTED, token_encrypted=""
        )
    session.invitation.status = RespondentInvitation.Status.SUBMITTED
    session.response = None


# --- release -----------------------------------------------------------------------


@transaction.atomic
def release(round_: Round, party: Party, *, access: Access) -> PartyRelease:
    """The party's coordinator releases its results; the last release shares the round."""
    if round_.collaboration_id != access.collaboration.pk:
        raise Http404
    access.require(Perm.RELEASE_RESULTS, party=party)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not visibility.own_results_available(round_):
        raise ServiceError(_("Results can be released once the round has closed."))
    release_, _created = PartyRelease.objects.get_or_create(
        round=round_, party=party, defaults={"released_by": access.user}
    )
    if round_.state == RoundState.CLOSED and visibility.every_party_released(
        round_, parties_of(round_.collaboration)
    ):
        round_.state = RoundState.SHARED
        round_.shared_at = timezone.now()
        round_.save(update_fields=["state", "shared_at"])
        round_shared.send(sender=Round, round=round_)
    return release_
