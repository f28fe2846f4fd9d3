"""Webhooks: a collaboration's facilitators have Ritsen tell other systems when a
round opens or closes, a party releases, or the results are shared."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    ROUND_OPENED = "round.opened", _("a round opened")
    ROUND_CLOSED = "round.closed", _("a round closed")
    RESULTS_RELEASED = "results.released", _("a party released its results")
    RESULTS_SHARED = "results.shared", _("the results are shared")
    AGREEMENT_AGREED = "agreement.agreed", _("an agreement is agreed by every party concerned")
    ACTION_OVERDUE = "action.overdue", _("an action has passed its due date")
    LIFECYCLE_CHANGED = "lifecycle.changed", _("the collaboration moved to another stage")


class Webhook(models.Model):
    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(_("URL"), max_length=500)
    # The signing secret, encrypted with the server's key (shown once, when made).
    secret_encrypted = models.TextField(editable=False)
    events = models.JSONField(_("events"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One event sent (or being sent) to one webhook: the delivery log."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, editable=False)
    event = models.CharField(max_length=30, choices=Event.choices)
    payload = models.JSONField()
    attempts = models.PositiveSmallIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook}"
