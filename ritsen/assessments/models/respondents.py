"""Respondents answer through a personal link, without an account.

Privacy by construction: an invitation (which may carry an email address) and a
response (which carries the answers) are two rows with no key between them. Both are
found from the secret token in the respondent's link — the invitation by
``sha256("invitation:" + token)``, the response by ``sha256("response:" + token)`` —
and the token itself is stored only encrypted (to re-send the link and remind), never
in a form that a database reader can use. So nobody browsing the database can join an
email address to answers. On submission the response's lookup hash is erased as
well, so after that not even the link leads back to the answers. Neither row keeps
timestamps or sequential ids that would let the two be matched by time or order.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


def token_hash(purpose: str, token: str) -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


class RespondentInvitation(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        STARTED = "started", _("started")
        SUBMITTED = "submitted", _("submitted")

    round = models.ForeignKey(
        "assessments.Round", on_delete=models.CASCADE, related_name="invitations"
    )
    party = models.ForeignKey(
        "collaborations.Party", on_delete=models.CASCADE, related_name="respondent_invitations"
    )
    # Blank for an anonymous link that the coordinator hands out.
    email = models.EmailField(_("email address"), blank=True)
    label = models.CharField(_("label"), max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The link's token, encrypted with a key derived from SECRET_KEY, so the link can be
    # shown again, re-sent and used in reminders. Erased on submission.
    token_encrypted = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_count = models.PositiveSmallIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    # Party-private: every query needs a party scope (see collaborations.access).
    objects: ClassVar[models.Manager[RespondentInvitation]] = ScopedManager(party="party")

    class Meta:
        verbose_name = _("respondent invitation")
        verbose_name_plural = _("respondent invitations")
        ordering = ["round", "party", "created_at", "pk"]

    def __str__(self) -> str:
        return self.email or self.label or f"#{self.pk}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Response(models.Model):
    """One respondent's answers. No email, no account, no timestamps, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        "assessments.Round", on_delete=models.CASCADE, related_name="responses"
    )
    party = models.ForeignKey(
        "collaborations.Party", on_delete=models.CASCADE, related_name="responses"
    )
    # Erased on submission (see the module docstring). NULL, not "", so that the unique
    # constraint allows many submitted responses.
    lookup_hash = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    language = models.CharField(max_length=2, default="nl")
    # {statement_id: score or null for "don't know"}; unanswered statements are absent.
    answers = models.JSONField(default=dict)
    # {link_id (as string): comment}
    comments = models.JSONField(default=dict)
    submitted = models.BooleanField(default=False)

    objects: ClassVar[models.Manager[Response]] = ScopedManager(party="party")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["round", "party"])]

    def __str__(self) -> str:
        return str(self.id)
