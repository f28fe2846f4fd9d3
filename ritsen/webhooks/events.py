"""What a webhook is told. A payload never carries more than every member of the
collaboration may see (a round's state and dates, which party released, the shared
zipper) and never anything about respondents."""

from __future__ import annotations

import functools
from typing import Any

from django.db import transaction
from django.utils import timezone

from ritsen.assessments.models import Round
from ritsen.collaborations.models import Party

from .models import Delivery, Event, Webhook


def _round(round_: Round) -> dict[str, Any]:
    def at(moment: Any) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "id": round_.pk,
        "collaboration_id": round_.collaboration_id,
        "title": round_.title,
        "state": round_.state,
        "opened_at": at(round_.opened_at),
        "closes_at": at(round_.closes_at),
        "closed_at": at(round_.closed_at),
        "shared_at": at(round_.shared_at),
    }


def emit(collaboration_id: int, event: Event, resource: dict[str, Any]) -> list[Delivery]:
    """Log a delivery for each webhook of the collaboration that wants ``event`` and
    send them after the commit (a rolled-back change tells nobody)."""
    from .delivery import send

    deliveries = []
    for webhook in Webhook.objects.filter(collaboration_id=collaboration_id):
        if str(event) not in webhook.events:
            continue
        delivery = Delivery(webhook=webhook, event=event, payload={})
        delivery.payload = {
            "id": str(delivery.event_id),
            "type": str(event),
            "created_at": timezone.now().isoformat(),
            "data": resource,
        }
        delivery.save()
        deliveries.append(delivery)
    for delivery in deliveries:
        transaction.on_commit(functools.partial(send.enqueue, delivery.pk))
    return deliveries


def on_round_opened(sender: Any, round: Round, **kwargs: Any) -> None:  # noqa: A002
    emit(round.collaboration_id, Event.ROUND_OPENED, {"round": _round(round)})


def on_round_closed(sender: Any, round: Round, **kwargs: Any) -> None:  # noqa: A002
    emit(round.collaboration_id, Event.ROUND_CLOSED, {"round": _round(round)})


def on_results_released(sender: Any, round: Round, party: Party, **kwargs: Any) -> None:  # noqa: A002
    emit(
        round.collaboration_id,
        Event.RESULTS_RELEASED,
        {"round": _round(round), "party": {"id": party.pk, "name": party.name}},
    )


def on_round_shared(sender: Any, round: Round, **kwargs: Any) -> None:  # noqa: A002
    from ritsen.results.next_steps import standing

    found = standing(round.collaboration)
    zipper = (
        {"state": str(found.state), "weakest_link": found.weakest.id if found.weakest else None}
        if found is not None and found.round.pk == round.pk
        else None
    )
    emit(round.collaboration_id, Event.RESULTS_SHARED, {"round": _round(round), "zipper": zipper})


def on_agreement_agreed(sender: Any, agreement: Any, **kwargs: Any) -> None:
    """An agreement of the shared workspace: everyone in the collaboration sees it."""
    emit(
        agreement.collaboration_id,
        Event.AGREEMENT_AGREED,
        {
            "agreement": {
                "id": agreement.pk,
                "text": agreement.text,
                "kind": agreement.kind,
                "from_party_id": agreement.from_party_id,
                "to_party_id": agreement.to_party_id,
                "link_key": agreement.link_key,
                "contract_reference": agreement.contract_reference,
                "review_date": agreement.review_date.isoformat() if agreement.review_date else None,
                "state": agreement.state,
            }
        },
    )


def on_action_overdue(sender: Any, action: Any, **kwargs: Any) -> None:
    """An action of the shared workspace: everyone in the collaboration sees it."""
    emit(
        action.collaboration_id,
        Event.ACTION_OVERDUE,
        {
            "action": {
                "id": action.pk,
                "title": action.title,
                "link_key": action.link_key,
                "owner_party_id": action.owner_party_id,
                "due_date": action.due_date.isoformat() if action.due_date else None,
                "status": action.status,
            }
        },
    )


def on_lifecycle_changed(sender: Any, collaboration: Any, event: Any, **kwargs: Any) -> None:
    """The collaboration moved to another stage (everyone in it sees the stage)."""
    emit(
        collaboration.pk,
        Event.LIFECYCLE_CHANGED,
        {
            "collaboration": {"id": collaboration.pk, "stage": str(collaboration.stage)},
            "from": str(event.from_stage),
            "to": str(event.to_stage),
            "reason": event.reason,
        },
    )
