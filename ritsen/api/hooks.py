"""A collaboration's webhooks through the API (facilitators): add, list and remove
them, read the delivery log and send a delivery again."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from ritsen.collaborations.access import Perm
from ritsen.core.errors import ServiceError
from ritsen.webhooks import services as webhooks
from ritsen.webhooks.forms import WebhookForm
from ritsen.webhooks.models import Delivery, Webhook

from . import schemas
from .common import ERRORS, Id, Pages, access_to, check_form, invalid

router = Router(tags=["webhooks"])


def _webhook_out(webhook: Webhook) -> dict:
    return {
        "id": webhook.pk,
        "url": webhook.url,
        "events": list(webhook.events),
        "created_at": webhook.created_at,
    }


@router.get(
    "/collaborations/{collaboration_id}/webhooks",
    response={200: list[schemas.WebhookOut], **ERRORS},
)
@paginate(Pages)
def list_webhooks(request: HttpRequest, collaboration_id: Id) -> list[dict]:
    access = access_to(request, collaboration_id, Perm.EDIT_COLLABORATION)
    return [_webhook_out(webhook) for webhook in access.collaboration.webhooks.all()]


@router.post(
    "/collaborations/{collaboration_id}/webhooks",
    response={201: schemas.NewWebhookOut, **ERRORS},
)
def add_webhook(request: HttpRequest, collaboration_id: Id, payload: schemas.WebhookIn) -> Status:
    """Add a webhook: Ritsen POSTs the chosen events (``round.opened``,
    ``round.closed``, ``results.released``, ``results.shared``, ``agreement.agreed``)
    as JSON to the URL,
    signed with the secret returned here once (``X-Ritsen-Signature: t=…,v1=…``, an
    HMAC-SHA256 of ``t.body``)."""
    access = access_to(request, collaboration_id, Perm.EDIT_COLLABORATION)
    data = check_form(WebhookForm({"url": payload.url, "events": payload.events}))
    try:
        new = webhooks.add_webhook(access=access, url=data["url"], events=data["events"])
    except ServiceError as error:
        raise invalid("events", str(error)) from None
    return Status(201, {**_webhook_out(new.webhook), "secret": new.secret})


@router.delete(
    "/collaborations/{collaboration_id}/webhooks/{webhook_id}",
    response={204: None, **ERRORS},
)
def remove_webhook(request: HttpRequest, collaboration_id: Id, webhook_id: Id) -> Status:
    webhooks.remove_webhook(webhook_id, access=access_to(request, collaboration_id))
    return Status(204, None)


@router.get(
    "/collaborations/{collaboration_id}/deliveries",
    response={200: list[schemas.DeliveryOut], **ERRORS},
)
@paginate(Pages)
def list_deliveries(request: HttpRequest, collaboration_id: Id) -> QuerySet[Delivery]:
    """The webhooks' delivery log, newest first: each attempt's status code or error."""
    access = access_to(request, collaboration_id, Perm.EDIT_COLLABORATION)
    return Delivery.objects.filter(webhook__collaboration=access.collaboration)


@router.post(
    "/collaborations/{collaboration_id}/deliveries/{delivery_id}/resend",
    response={202: schemas.DeliveryOut, **ERRORS},
)
def resend_delivery(request: HttpRequest, collaboration_id: Id, delivery_id: Id) -> Status:
    """Send a delivery again (after fixing the receiver): queued, then logged."""
    delivery = webhooks.redeliver(delivery_id, access=access_to(request, collaboration_id))
    return Status(202, delivery)
