from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ritsen.core.languages import Language


class RoundQuerySet(models.QuerySet):
    def not_closed(self):
        """Rounds nobody closed and whose closing date has not passed."""
        now = timezone.now()
        return self.filter(closed_at__isnull=True).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )


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

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # At most one round per collaboration that nobody has closed.
            models.UniqueConstraint(
                fields=["collaboration"],
                condition=Q(closed_at__isnull=True),
                name="round_one_unclosed_per_collaboration",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessments:round", args=[self.collaboration_id, self.pk])

    @property
    def is_open(self) -> bool:
        if self.closed_at is not None:
            return False
        return self.closes_at is None or self.closes_at > timezone.now()

    @property
    def is_closed(self) -> bool:
        return not self.is_open

    @property
    def ended_at(self):
        """When answering stopped: closed by hand, or the closing date passed."""
        if self.closed_at:
            return self.closed_at
        if self.closes_at and self.closes_at <= timezone.now():
            return self.closes_at
        return None


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
