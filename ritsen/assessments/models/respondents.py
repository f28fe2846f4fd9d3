"""Respondents answer through a link, without an account — and stay anonymous, also
to insiders: coordinators, facilitators, other parties and whoever reads the
database, its backups or the logs (see "Privacy by design" in the README).

Three kinds of rows, with nothing between them that a reader without the server's
key can join:

* :class:`RespondentInvitation` — a **personal invitation** (an email address, whose
  link is mailed and can be sent again) or an **anonymous link** (no address; a
  one-time claim ticket that the coordinator hands out). Found from the link's token
  by ``sha256("invitation:" + token)``. Only the coordinators' own actions write it
  (invite, send again, remind, withdraw) — never anything a respondent does.
* :class:`Response` — the answers. Found only through a secret that the respondent
  holds (the personal link's token, or the resume link of a claimed anonymous link),
  as a keyed hash (:func:`secret_digest`) that nobody can compute without the key —
  not even someone who knows the anonymous link that was handed out. Random id, no
  timestamps, no reference to an invitation. The digest is erased on submission and
  when the round closes.
* :class:`RespondentMark` — a fact about such a secret that the server must recall:
  an anonymous link has been claimed, a response has been submitted. Also a keyed
  hash, so a mark cannot be tied to an invitation without the key.

Respondents' own transactions write only responses and marks; invitations are written
only in coordinators' transactions. So on PostgreSQL no invitation ever shares a
transaction id (``xmin``) with a response, and on SQLite the order of rows relates
nothing to anything.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


def token_hash(purpose: str, token: str) -> str:
    """A plain hash: anyone who knows the token finds the row (the link's own row)."""
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


def secret_digest(purpose: str, secret: str) -> str:
    """A keyed hash (HMAC-SHA256 with a key derived from ``SECRET_KEY``): knowing the
    secret is not enough to find the row — a database reader without the key cannot,
    even for an anonymous link they handed out themselves."""
    key = hashlib.sha256(f"ritsen-respondent-digest:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, f"{purpose}:{secret}".encode(), hashlib.sha256).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class RespondentInvitation(models.Model):
    round = models.ForeignKey(
        "assessments.Round", on_delete=models.CASCADE, related_name="invitations"
    )
    party = models.ForeignKey(
        "collaborations.Party", on_delete=models.CASCADE, related_name="respondent_invitations"
    )
    # Blank for an anonymous link.
    email = models.EmailField(_("email address"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A personal link's token, encrypted with a key derived from SECRET_KEY, so the
    # link can be sent again and in reminders. Never kept for an anonymous link (it is
    # shown once, when it is made); erased when the round closes or the invitation is
    # withdrawn.
    token_encrypted = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Emails addressed to this person: the invitation, every "send again" and every
    # reminder of the party — whatever they did with it, so the number tells nothing.
    sent_count = models.PositiveSmallIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    # Party-private: every query needs a party scope (see collaborations.access).
    objects: ClassVar[models.Manager[RespondentInvitation]] = ScopedManager(party="party")

    class Meta:
        verbose_name = _("respondent invitation")
        verbose_name_plural = _("respondent invitations")
        ordering = ["round", "party", "created_at", "pk"]

    def __str__(self) -> str:
        return self.email or str(_("anonymous link"))

    @staticmethod
    def new_token() -> str:
        return new_secret()

    @property
    def is_anonymous(self) -> bool:
        return not self.email

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Channel(models.TextChoices):
    """How a response came in — shown only as counts per party, so that responses
    a coordinator made up through anonymous links stay visible."""

    PERSONAL = "personal", _("personal invitation")
    LINK = "link", _("anonymous link")


def channel_tag(response_id: uuid.UUID | str, channel: str) -> str:
    """The stored form of a response's channel: a keyed hash of the response's id and
    its channel. Only the key holder can tell a personal response from one through an
    anonymous link (a party with one personal invitee would otherwise show a database
    reader which answers are theirs); it carries no time, unlike encrypted text."""
    return secret_digest("channel", f"{response_id}:{channel}")


class Response(models.Model):
    """One respondent's answers. No email, no account, no timestamps, a random key."""

    Channel = Channel

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        "assessments.Round", on_delete=models.CASCADE, related_name="responses"
    )
    party = models.ForeignKey(
        "collaborations.Party", on_delete=models.CASCADE, related_name="responses"
    )
    # secret_digest("response", the respondent's secret); erased on submission and at
    # round close. NULL, not "", so that the unique constraint allows many.
    lookup_hash = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    # channel_tag(id, channel): how the response came in, readable with the key only.
    channel_tag = models.CharField(max_length=64, editable=False, default="")
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

    def set_channel(self, channel: str) -> None:
        self.channel_tag = channel_tag(self.id, channel)

    @property
    def channel(self) -> str:
        return (
            Channel.PERSONAL
            if self.channel_tag == channel_tag(self.id, Channel.PERSONAL)
            else Channel.LINK
        )


class RespondentMark(models.Model):
    """Something the server must recall about a respondent's secret, under a keyed
    hash: "this anonymous link has been claimed", "this secret has submitted"."""

    class Kind(models.TextChoices):
        CLAIMED = "claimed", _("claimed anonymous link")
        SUBMITTED = "submitted", _("submitted")

    round = models.ForeignKey("assessments.Round", on_delete=models.CASCADE, related_name="+")
    party = models.ForeignKey("collaborations.Party", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    digest = models.CharField(max_length=64, unique=True, editable=False)

    objects: ClassVar[models.Manager[RespondentMark]] = ScopedManager(party="party")

    class Meta:
        verbose_name = _("respondent mark")
        verbose_name_plural = _("respondent marks")
        indexes = [models.Index(fields=["round", "party", "kind"])]

    def __str__(self) -> str:
        return self.kind

    @classmethod
    def digest_for(cls, kind: str, secret: str) -> str:
        return secret_digest(f"mark-{kind}", secret)
