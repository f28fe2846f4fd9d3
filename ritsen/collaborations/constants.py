from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PartyRole(models.TextChoices):
    """A party's role in the collaboration (link 6 of the zipper)."""

    CLIENT = "client", _("client (opdrachtgever)")
    CONTRACTOR = "contractor", _("contractor (opdrachtnemer)")
    PARTNER = "partner", _("partner")


class Role(models.TextChoices):
    """A person's role in one collaboration."""

    FACILITATOR = "facilitator", _("facilitator")
    COORDINATOR = "coordinator", _("coordinator")
    MEMBER = "member", _("member")


class PreparationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    SHARED = "shared", _("shared")


class Stage(models.TextChoices):
    """Where a collaboration stands in its lifecycle (``ritsen.lifecycle``)."""

    EXPLORING = "exploring", pgettext_lazy("stage", "exploring")
    PREPARING = "preparing", pgettext_lazy("stage", "preparing")
    ALIGNING = "aligning", pgettext_lazy("stage", "aligning")
    ACTIVE = "active", pgettext_lazy("stage", "active")
    UNZIPPING = "unzipping", pgettext_lazy("stage", "unzipping")
    CLOSED = "closed", pgettext_lazy("stage", "closed")
