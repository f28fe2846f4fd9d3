"""Sending a webhook: a background task (django-tasks), signed, retried with backoff.

The signature header is ``X-Ritsen-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of
"<t>.<body>" with the webhook's secret>``; receivers should check it and refuse old
timestamps. A delivery that does not get a 2xx is tried again after 1, 2, 4 and 8
minutes; every attempt is logged (status code or error)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from ritsen.core import crypto

from .models import Delivery

MAX_ATTEMPTS = 5
TIMEOUT_SECONDS = 10


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** (attempts - 1))


def refusal(url: str) -> str | None:
    """Why Ritsen will not send to ``url`` (``None``: it will). Loopback, private,
    link-local and reserved addresses are refused unless the site allows them
    (``RITSEN_WEBHOOK_PRIVATE_ADDRESSES``): checked when a webhook is added and again
    before every delivery, as the name may resolve elsewhere by then."""
    if settings.WEBHOOK_PRIVATE_ADDRESSES:
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return _("The address %(host)s cannot be found.") % {"host": host}
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            return _(
                "%(host)s is an address of a private network; Ritsen sends webhooks only to "
                "public addresses."
            ) % {"host": host}
    return None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to an address that was never checked: not followed."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def attempt(delivery: Delivery) -> bool:
    """Send once; log the outcome. Returns whether it arrived (a 2xx)."""
    webhook = delivery.webhook
    secret = crypto.decrypt(webhook.secret_encrypted) or ""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 - the facilitator's https/http URL
        webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Ritsen-Webhook/1",
            "X-Ritsen-Event": delivery.event,
            "X-Ritsen-Delivery": str(delivery.event_id),
            "X-Ritsen-Signature": signature(secret, timestamp, body),
        },
    )
    delivery.attempts += 1
    refused = refusal(webhook.url)
    try:
        if refused is not None:
            raise ValueError(refused)
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            delivery.status_code, delivery.error = response.status, ""
    except urllib.error.HTTPError as error:
        delivery.status_code, delivery.error = error.code, ""
    except (OSError, ValueError) as error:
        delivery.status_code, delivery.error = None, str(error)[:300]
    ok = delivery.status_code is not None and 200 <= delivery.status_code < 300
    if ok:
        delivery.delivered_at = timezone.now()
    delivery.save(update_fields=["attempts", "status_code", "error", "delivered_at"])
    return ok


@task()
def send(delivery_id: int) -> None:
    delivery = Delivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.delivered_at is not None:
        return
    if not attempt(delivery) and delivery.attempts < MAX_ATTEMPTS:
        retry = send.using(run_after=timezone.now() + backoff(delivery.attempts))
        if retry.get_backend().supports_defer:  # the database queue; not "immediate"
            retry.enqueue(delivery_id)
