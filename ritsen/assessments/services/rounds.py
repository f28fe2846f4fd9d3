"""Rounds: open, close (on a closing date too) and release."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.models import Collaboration, Party
from ritsen.collaborations.selectors import parties_of
from ritsen.core import periodic
from ritsen.core.errors import ServiceError

from .. import notices, visibility
from ..models import PartyRelease, RespondentInvitation, RespondentMark, Response, Round, RoundState
from ..signals import results_released, round_closed, round_opened, round_shared


def _close(round_: Round, at: datetime) -> None:
    round_.state = RoundState.CLOSED
    round_.closed_at = at
    round_.save(update_fields=["state", "closed_at"])
    # Answering has stopped: erase what leads from a link to answers, right after the
    # commit (and the periodic job catches whatever a crash left behind).
    round_id = round_.pk
    transaction.on_commit(lambda: erase_links(round_id))
    notices.round_closed(round_)
    round_closed.send(sender=Round, round=round_)


def erase_links(round_id: int) -> bool:
    """After a round closed: no response can be found from a link any more, and no
    link can be sent again. In two transactions — the respondents' rows and the
    invitations — so that no invitation shares a transaction with any response.
    Returns whether anything was left to erase."""
    with scopes_disabled():
        with transaction.atomic():
            hashes = Response.objects.filter(round_id=round_id, lookup_hash__isnull=False).exists()
            marks, _kinds = RespondentMark.objects.filter(
                round_id=round_id, kind=RespondentMark.Kind.SUBMITTED
            ).delete()
            if hashes or marks:
                _rewrite_in_random_order(round_id)
        with transaction.atomic():
            tokens = (
                RespondentInvitation.objects.filter(round_id=round_id)
                .exclude(token_encrypted="")
                .update(token_encrypted="")
            )
    return bool(hashes or marks or tokens)


def _rewrite_in_random_order(round_id: int) -> None:
    """Write the round's responses and marks anew, in one transaction, in a random
    order and under new keys: the order in which rows lie in the table (SQLite's
    ``rowid``, PostgreSQL's ``ctid``) and the transaction that last wrote each
    (``xmin``) would otherwise tell who answered first and who submitted when."""
    rng = secrets.SystemRandom()
    responses = list(Response.objects.filter(round_id=round_id))
    marks = list(RespondentMark.objects.filter(round_id=round_id))
    Response.objects.filter(round_id=round_id).delete()
    RespondentMark.objects.filter(round_id=round_id).delete()
    rng.shuffle(responses)
    rng.shuffle(marks)
    for response in responses:
        channel = response.channel  # keyed with the old id
        response.pk = uuid.uuid4()
        response.lookup_hash = None
        response.set_channel(channel)
    for mark in marks:
        mark.pk = None
    Response.objects.bulk_create(responses)
    RespondentMark.objects.bulk_create(marks)


@periodic.register("erase-closed-round-links")
def erase_closed_round_links() -> str:
    """Safety net for :func:`erase_links` (a process may stop between the close and
    the erasure)."""
    with scopes_disabled():
        leftover = (
            set(
                Response.objects.filter(lookup_hash__isnull=False)
                .exclude(round__state=RoundState.OPEN)
                .values_list("round_id", flat=True)
            )
            | set(
                RespondentMark.objects.filter(kind=RespondentMark.Kind.SUBMITTED)
                .exclude(round__state=RoundState.OPEN)
                .values_list("round_id", flat=True)
            )
            | set(
                RespondentInvitation.objects.exclude(token_encrypted="")
                .exclude(round__state=RoundState.OPEN)
                .values_list("round_id", flat=True)
            )
        )
    erased = sum(1 for round_id in sorted(leftover) if erase_links(round_id))
    return f"links of {erased} closed round(s) erased" if erased else ""


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
            round_ = Round.objects.create(
                collaboration=collaboration,
                framework=collaboration.framework,
                title=title,
                closes_at=closes_at,
                language=language,
                created_by=access.user,
            )
    except IntegrityError as error:  # a concurrent open
        raise ServiceError(_("A round is already open.")) from error
    notices.round_opened(round_)
    round_opened.send(sender=Round, round=round_)
    return round_


@transaction.atomic
def close_round(round_: Round, *, access: Access) -> Round:
    access.require(Perm.MANAGE_ROUNDS)
    round_ = Round.objects.select_for_update().get(pk=round_.pk, collaboration=access.collaboration)
    if round_.state == RoundState.OPEN:
        now = timezone.now()
        _close(round_, min(now, round_.closes_at or now))
    return round_


@transaction.atomic
def release(round_: Round, party: Party, *, access: Access) -> PartyRelease:
    """The party's coordinator releases its results; the last release shares the round."""
    if round_.collaboration_id != access.collaboration.pk:
        raise Http404
    access.require(Perm.RELEASE_RESULTS, party=party)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not visibility.own_results_available(round_):
        raise ServiceError(_("Results can be released once the round has closed."))
    release_, created = PartyRelease.objects.get_or_create(
        round=round_, party=party, defaults={"released_by": access.user}
    )
    if created:
        results_released.send(sender=Round, round=round_, party=party)
    if round_.state == RoundState.CLOSED and visibility.every_party_released(
        round_, parties_of(round_.collaboration)
    ):
        round_.state = RoundState.SHARED
        round_.shared_at = timezone.now()
        round_.save(update_fields=["state", "shared_at"])
        round_shared.send(sender=Round, round=round_)
        notices.round_shared(round_)
    return release_
