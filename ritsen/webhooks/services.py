"""Managing a collaboration's webhooks (its facilitators, through Access)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from ritsen.collaborations.access import Access, Perm
from ritsen.core import crypto
from ritsen.core.errors import ServiceError

from .delivery import send
from .models import Delivery, Event, Webhook


@dataclass(frozen=True)
class NewWebhook:
    webhook: Webhook
    secret: str  # shown once


@transaction.atomic
def add_webhook(*, access: Access, url: str, events: list[str]) -> NewWebhook:
    access.require(Perm.EDIT_COLLABORATION)
    unknown = set(events) - set(Event.values)
    if not events or unknown:
        raise ServiceError(_("Choose at least one event."))
    secret = "whsec_" + secrets.token_urlsafe(32)
    webhook = Webhook.objects.create(
        collaboration=access.collaboration,
        url=url,
        secret_encrypted=crypto.encrypt(secret),
        events=[value for value in Event.values if value in events],
        created_by=access.user,
    )
    return NewWebhook(webhook=webhook, secret=secret)


def _webhook(access: Access, webhook_id: int) -> Webhook:
    access.require(Perm.EDIT_COLLABORATION)
    webhook = access.collaboration.webhooks.filter(pk=webhook_id).first()
    if webhook is None:
        raise Http404
    return webhook


@transaction.atomic
def remove_webhook(webhook_id: int, *, access: Access) -> None:
    _webhook(access, webhook_id).delete()


def redeliver(delivery_id: int, *, access: Access) -> Delivery:
    """Send a delivery again (after the receiver was fixed): a new attempt, logged."""
    access.require(Perm.EDIT_COLLABORATION)
    delivery = Delivery.objects.filter(
        pk=delivery_id, webhook__collaboration=access.collaboration
    ).first()
    if delivery is None:
        raise Http404
    delivery.delivered_at = None
    delivery.save(update_fields=["delivered_at"])
    transaction.on_commit(lambda: send.enqueue(delivery.pk))
    return delivery
