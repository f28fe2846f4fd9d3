"""The notifications of a round's steps: opened, closing in 3 days, closed, shared."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ritsen.accounts.models import User
from ritsen.accounts.notifications import Notice, notify
from ritsen.collaborations.constants import Role
from ritsen.core import periodic

from .models import Round, RoundState

#: How long before its closing date a round's coordinators are reminded.
CLOSING_NOTICE = timedelta(days=3)


def _coordinators(round_: Round) -> list[tuple[User, int]]:
    """Each coordinator of the round's collaboration, with their party's id."""
    memberships = round_.collaboration.memberships.filter(role=Role.COORDINATOR).select_related(
        "user"
    )
    return [(m.user, m.party_id) for m in memberships if m.party_id is not None]


def _send_to_coordinators(round_: Round, notice: Notice, url_name: str) -> int:
    sent = 0
    for user, party_id in _coordinators(round_):
        url = settings.BASE_URL + reverse(
            url_name, args=[round_.collaboration_id, round_.pk, party_id]
        )
        sent += notify(
            notice,
            [user],
            template=f"assessments/email/{notice.value}.txt",
            subject=f"assessments/email/{notice.value}_subject.txt",
            context={"round": round_, "collaboration": round_.collaboration, "url": url},
        )
    return sent


def round_opened(round_: Round) -> int:
    return _send_to_coordinators(round_, Notice.ROUND_OPENED, "assessments:respondents")


def round_closed(round_: Round) -> int:
    return _send_to_coordinators(round_, Notice.ROUND_CLOSED, "results:party")


def round_shared(round_: Round) -> int:
    users = [m.user for m in round_.collaboration.memberships.select_related("user")]
    url = settings.BASE_URL + reverse("results:zipper", args=[round_.collaboration_id, round_.pk])
    return notify(
        Notice.ROUND_SHARED,
        users,
        template="assessments/email/round_shared.txt",
        subject="assessments/email/round_shared_subject.txt",
        context={"round": round_, "collaboration": round_.collaboration, "url": url},
    )


@periodic.register("notify-closing-rounds")
def notify_closing_rounds() -> str:
    """Remind the coordinators of each round that closes within 3 days — once: the
    round is marked in the same transaction, and a concurrent run finds it marked."""
    now = timezone.now()
    due = Round.objects.filter(
        state=RoundState.OPEN,
        closes_at__gt=now,
        closes_at__lte=now + CLOSING_NOTICE,
        closing_notice_sent_at__isnull=True,
    )
    reminded = 0
    for round_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Round.objects.filter(pk=round_id, closing_notice_sent_at__isnull=True).update(
                closing_notice_sent_at=now
            )
            if claimed:
                round_ = Round.objects.select_related("collaboration").get(pk=round_id)
                _send_to_coordinators(round_, Notice.ROUND_CLOSING, "assessments:respondents")
                reminded += 1
    return f"{reminded} round(s) about to close announced" if reminded else ""
