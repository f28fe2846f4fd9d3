from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ritsen.core.languages import Language


class RoundState(models.TextChoices):
    """Where a round stands. Only the services in ``assessments.services`` change it."""

    OPEN = "open", _("open")  # respondents answer (until the closing date)
    CLOSED = "closed", _("closed")  # each party sees its own results and may release them
    SHARED = "shared", _("shared")  # every party released: the results are shared


class Round(models.Model):
    """An assessment round (rits-scan) of one collaboration."""

    Language = Language

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="rounds"
    )
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("default language for respondents"),
        max_length=2,
        choices=Language.choices,
        default=Language.DUTCH,
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_("Optional. After this moment respondents can no longer change answers."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    state = models.CharField(
        _("state"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN
    )
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True)
    # When the coordinators were told that the round closes within 3 days (once).
    closing_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    State = RoundState

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # At most one open round per collaboration.
            models.UniqueConstraint(
                fields=["collaboration"],
                condition=Q(state="open"),
                name="round_one_open_per_collaboration",
            ),
            # A closed or shared round knows when it closed.
            models.CheckConstraint(
                condition=Q(state="open", closed_at__isnull=True)
                | (~Q(state="open") & Q(closed_at__isnull=False)),
                name="round_closed_at_iff_not_open",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments:round", args=[self.collaboration_id, self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN

    @property
    def is_closed(self) -> bool:
        """Closed or shared: answering has stopped."""
        return self.state != RoundState.OPEN

    @property
    def is_shared(self) -> bool:
        return self.state == RoundState.SHARED


class PartyRelease(models.Model):
    """A party's coordinator released the party's results of a round to the collaboration."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="releases")
    party = models.ForeignKey(
        "collaborations.Party", on_delete=models.CASCADE, related_name="releases"
    )
    released_at = models.DateTimeField(auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.UniqueConstraint(fields=["round", "party"], name="release_once_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party} · {self.round}"
