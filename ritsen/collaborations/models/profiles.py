from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager
from django_stubs_ext import StrOrPromise

from ritsen.collaborations.constants import PreparationStatus
from ritsen.collaborations.sharing import SharedByParty

from .collaborations import Party

# The self-reflection questions, in the order the article asks them.
PROFILE_QUESTIONS: list[tuple[str, StrOrPromise, StrOrPromise]] = [
    (
        "who_we_are",
        _("Who are we?"),
        _("Our organisation, our mission and what makes us who we are."),
    ),
    (
        "what_we_want",
        _("What do we want?"),
        _("What we want to achieve with this collaboration."),
    ),
    ("why", _("Why do we want it?"), _("The reasons behind it, and what it means for us.")),
    ("how", _("How do we mean to get there?"), _("Our approach, our conditions and our limits.")),
    (
        "excellent_at",
        _("What are we excellent at?"),
        _("What we bring that others cannot easily do — what we keep doing ourselves."),
    ),
    (
        "needs_from_partners",
        _("What do we need from our partners?"),
        _("What we call on partners for, and what we expect of them."),
    ),
]
PROFILE_FIELDS = [key for key, _label, _help in PROFILE_QUESTIONS]


class PartyProfile(SharedByParty):
    """A party's self-reflection for one collaboration. Private to the party until shared."""

    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="profile")
    who_we_are = models.TextField(_("Who are we?"), blank=True)
    what_we_want = models.TextField(_("What do we want?"), blank=True)
    why = models.TextField(_("Why do we want it?"), blank=True)
    how = models.TextField(_("How do we mean to get there?"), blank=True)
    excellent_at = models.TextField(_("What are we excellent at?"), blank=True)
    needs_from_partners = models.TextField(_("What do we need from our partners?"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Party-private: every query needs a party scope (see collaborations.access).
    objects: ClassVar[models.Manager[PartyProfile]] = ScopedManager(party="party")

    class Meta:
        verbose_name = _("party profile")
        verbose_name_plural = _("party profiles")

    def __str__(self) -> str:
        return f"{self.party}"

    @property
    def content(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in PROFILE_FIELDS}

    @property
    def answered_count(self) -> int:
        return sum(1 for value in self.content.values() if value.strip())

    @property
    def status(self) -> str:
        if self.is_shared:
            return PreparationStatus.SHARED
        if self.answered_count:
            return PreparationStatus.IN_PROGRESS
        return PreparationStatus.NOT_STARTED

    def answers(self) -> list[tuple[str, StrOrPromise, str]]:
        """(key, question, answer) in question order, for display."""
        return [(key, label, getattr(self, key)) for key, label, _help in PROFILE_QUESTIONS]


class ProfileVersion(models.Model):
    """A snapshot of a shared profile: taken when it is shared and on every later edit."""

    class Kind(models.TextChoices):
        SHARED = "shared", _("shared")
        EDITED = "edited", _("edited after sharing")
        WITHDRAWN = "withdrawn", _("sharing withdrawn")

    profile = models.ForeignKey(PartyProfile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[ProfileVersion]] = ScopedManager(party="profile__party")

    class Meta:
        verbose_name = _("profile version")
        verbose_name_plural = _("profile versions")
        ordering = ["profile", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="profile_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.profile} v{self.number}"
