"""Coordinators invite respondents: personal invitations by email, anonymous links to
hand out, reminders. Counts only — never who has answered.

Every function here runs in a coordinator's request and writes invitation rows only;
what a respondent does is recorded elsewhere (:mod:`.answering`), so the two never
share a transaction. Mail goes through the task queue (:mod:`ritsen.assessments.tasks`),
which looks up at sending time whether the person still has to answer — so neither
the page nor the database shows whom a reminder reached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.models import Party
from ritsen.core import crypto
from ritsen.core.errors import ServiceError

from .. import visibility
from ..models import RespondentInvitation, Round
from ..models.respondents import token_hash

MAX_LINKS_AT_ONCE = 500


def respondent_url(secret: str, base_url: str | None = None) -> str:
    """The link a respondent opens (a personal link, an anonymous or a resume link)."""
    return (base_url or settings.BASE_URL) + reverse("respond:enter", args=[secret])


def _new_invitation(
    round_: Round, party: Party, *, email: str = ""
) -> tuple[RespondentInvitation, str]:
    token = RespondentInvitation.new_token()
    invitation = RespondentInvitation.objects.create(
        round=round_,
        party=party,
        email=email,
        token_hash=token_hash("invitation", token),
        # Only a personal link is kept (encrypted) to send it again; an anonymous link
        # exists only on the sheet made when it is created.
        token_encrypted=crypto.encrypt(token) if email else "",
        sent_count=1 if email else 0,
    )
    return invitation, token


def invitation_token(invitation: RespondentInvitation) -> str | None:
    """A personal invitation's token (``None`` once the round closed or it was
    withdrawn). For the mail task; never shown on a page."""
    return crypto.decrypt(invitation.token_encrypted) if invitation.token_encrypted else None


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


def _mail(invitations: list[RespondentInvitation], *, reminder: bool) -> None:
    from ..tasks import mail_respondents

    if invitations:
        mail_respondents.enqueue([invitation.pk for invitation in invitations], reminder)


def personal_invitations(round_: Round, party: Party) -> list[RespondentInvitation]:
    """A party's personal invitations (for its coordinators), by address."""
    with scope(party=[party.pk]):
        return list(
            round_.invitations.filter(party=party)
            .exclude(email="")
            .select_related("round__collaboration", "party__organisation")
            .order_by("email", "pk")
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
        created, already = [], []
        for email in emails:
            if email in existing:
                already.append(email)
                continue
            created.append(_new_invitation(round_, party, email=email)[0])
            existing.add(email)
    _mail(created, reminder=False)
    return InviteOutcome(created=len(created), already_invited=already)


@dataclass(frozen=True)
class AnonymousLink:
    """A link just made: shown on the sheet (or in the file) once, never again."""

    number: int
    url: str
    token: str


@transaction.atomic
def generate_links(
    round_: Round, party: Party, count: int, *, access: Access, base_url: str | None = None
) -> list[AnonymousLink]:
    """``count`` anonymous links: one-time claim tickets. The first person who opens
    one claims it and gets a resume link of their own; after that the handed-out link
    only says that it is in use. The links are returned once and not kept."""
    _require_respondents(access, round_, party)
    _require_open(round_)
    if not 1 <= count <= MAX_LINKS_AT_ONCE:
        raise ServiceError(
            _("Make between 1 and %(max)d links at a time.") % {"max": MAX_LINKS_AT_ONCE}
        )
    with scope(party=[party.pk]):
        start = round_.invitations.filter(party=party, email="").count()
        links = []
        for i in range(count):
            _invitation, token = _new_invitation(round_, party)
            links.append(
                AnonymousLink(
                    number=start + i + 1, url=respondent_url(token, base_url), token=token
                )
            )
    return links


@transaction.atomic
def revoke_invitation(invitation: RespondentInvitation, *, access: Access) -> None:
    """Withdraw a personal invitation: its link stops working."""
    _require_respondents(access, invitation.round, invitation.party)
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.token_encrypted = ""
        invitation.save(update_fields=["revoked_at", "token_encrypted"])


@transaction.atomic
def resend_invitation(invitation: RespondentInvitation, *, access: Access) -> None:
    """Send the same link again. The count goes up whatever the person did; the mail
    task leaves out whoever already submitted, so nobody learns who has answered."""
    _require_respondents(access, invitation.round, invitation.party)
    _require_open(invitation.round)
    if not invitation.email or invitation.is_revoked:
        raise ServiceError(_("This invitation cannot be sent again."))
    RespondentInvitation.objects.filter(pk=invitation.pk).update(sent_count=F("sent_count") + 1)
    invitation.refresh_from_db(fields=["sent_count"])
    _mail([invitation], reminder=False)


@transaction.atomic
def send_reminders(round_: Round, party: Party, *, access: Access) -> int:
    """Remind the party's personal invitees who have not submitted. Returns how many
    invitations the reminder went to the queue for (every open one); who of them has
    answered is looked up by the mail task and shown nowhere."""
    _require_respondents(access, round_, party)
    _require_open(round_)
    with scope(party=[party.pk]):
        pending = list(
            round_.invitations.filter(party=party, revoked_at__isnull=True).exclude(email="")
        )
        RespondentInvitation.objects.filter(pk__in=[i.pk for i in pending]).update(
            sent_count=F("sent_count") + 1
        )
    _mail(pending, reminder=True)
    return len(pending)
