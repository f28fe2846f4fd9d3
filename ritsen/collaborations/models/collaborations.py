from __future__ import annotations

from typing import Any, Protocol

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ritsen.collaborations.constants import PartyRole, Stage


class Organisation(models.Model):
    """An organisation exists once and can take part in many collaborations."""

    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class CollaborationQuerySet(models.QuerySet):
    def visible_to(self, user) -> CollaborationQuerySet:
        """Collaborations in which ``user`` has a role. The only way views list them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


class Collaboration(models.Model):
    """A *rits*: two or more parties that work together."""

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(
        _("purpose"),
        help_text=_("What should this collaboration achieve, and for whom?"),
    )
    framework = models.ForeignKey(
        "frameworks.Framework",
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="collaborations",
        help_text=_("The framework version this collaboration uses; it stays pinned."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The lifecycle (``ritsen.lifecycle``): changed only by its guarded transitions.
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.EXPLORING, editable=False
    )
    stage_since = models.DateTimeField(_("in this stage since"), null=True, editable=False)

    objects = CollaborationQuerySet.as_manager()

    class Meta:
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        ordering = ["-created_at", "-pk"]
        # Given explicitly in the admin, never implied by "staff status": the full file
        # holds every party's private data and respondents' addresses.
        permissions = [
            (
                "transfer_collaboration",
                _("Can export and import whole collaborations with all private data"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collaborations:detail", args=[self.pk])


class PartyLike(Protocol):
    """What results and reports need of a party: a :class:`Party`, or one as it was
    when a round was shared (``ritsen.results.data.SharedParty``)."""

    @property
    def pk(self) -> Any: ...

    @property
    def name(self) -> str: ...


class Party(models.Model):
    """An organisation's place in one collaboration."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="parties",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=PartyRole.choices, default=PartyRole.PARTNER
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["collaboration", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "organisation"], name="party_unique_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name


class OrganisationRoleKind(models.TextChoices):
    ADMINISTRATOR = "administrator", _("administrator")
    PORTFOLIO_MANAGER = "portfolio_manager", _("portfolio manager")


class OrganisationRole(models.Model):
    """A person's role for an organisation as a whole (not in one collaboration): its
    administrators grant the portfolio-manager role; a site administrator grants the
    first administrator (in the admin)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganisationRoleKind.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "role"], name="one_organisation_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.user} · {self.get_role_display()}"
