"""The lifecycle's records: the product's audit log, each party's approval of a
transition, the scale events while the collaboration is active, and the exit
checklist's ticks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ritsen.collaborations.constants import Stage


class AuditKind(models.TextChoices):
    STAGE_CHANGED = "stage_changed", _("stage changed")
    APPROVED = "approved", _("approved")
    WITHDRAWN = "withdrawn", _("approval withdrawn")
    SCALE_EVENT = "scale_event", _("scale event")
    EXIT_TASK = "exit_task", _("exit task done")
    DEPARTURE = "departure", _("a party's departure confirmed")
    ERASED = "erased", _("a departed party's own data erased")


class AuditEvent(models.Model):
    """One thing that happened to a collaboration, who did it and why — the audit log
    every part of Ritsen writes to (never a respondent's answer or identity)."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="audit_events"
    )
    kind = models.CharField(_("what"), max_length=20, choices=AuditKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    party = models.ForeignKey(
        "collaborations.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=5000)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d}"


class Approval(models.Model):
    """A coordinator's approval, on behalf of their party, of one transition — valid
    while the collaboration stays in the stage it was given in (``stage_since``)."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="+"
    )
    party = models.ForeignKey("collaborations.Party", on_delete=models.CASCADE, related_name="+")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    stage_since = models.DateTimeField(null=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "party", "from_stage", "to_stage", "stage_since"],
                name="one_approval_per_party_and_stage",
            )
        ]

    def __str__(self) -> str:
        return f"{self.party} · {self.from_stage} → {self.to_stage}"


class ScaleKind(models.TextChoices):
    JOIN = "join", _("a party joins")
    LEAVE = "leave", _("a party leaves")
    GROW = "grow", _("the scope grows")
    SHRINK = "shrink", _("the scope shrinks")

    @classmethod
    def with_party(cls) -> frozenset[ScaleKind]:
        """The events that are about one party (it joins or leaves)."""
        return frozenset({cls.JOIN, cls.LEAVE})


class ScaleEvent(models.Model):
    """While active: a party joins or leaves, or the scope grows or shrinks."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="scale_events"
    )
    kind = models.CharField(_("what changes"), max_length=10, choices=ScaleKind.choices)
    party = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), max_length=5000)
    link_keys = models.JSONField(_("links affected"), default=list, blank=True)
    effective_on = models.DateField(_("takes effect on"))
    reason = models.TextField(_("why"), max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("scale event")
        verbose_name_plural = _("scale events")
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.effective_on})"


class ExitTick(models.Model):
    """A task of the exit checklist that is done (``task``: its stable key)."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="+"
    )
    party = models.ForeignKey("collaborations.Party", on_delete=models.CASCADE, related_name="+")
    task = models.CharField(max_length=100)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["party", "task"], name="one_tick_per_exit_task")
        ]

    def __str__(self) -> str:
        return f"{self.party} · {self.task}"


class Departure(models.Model):
    """A party that leaves: its coordinator confirmed that Ritsen erases the party's own
    data after ``retention_days`` (``departure.erase``); ``erased_at`` once done."""

    collaboration = models.ForeignKey(
        "collaborations.Collaboration", on_delete=models.CASCADE, related_name="+"
    )
    party = models.OneToOneField(
        "collaborations.Party", on_delete=models.CASCADE, related_name="departure"
    )
    retention_days = models.PositiveSmallIntegerField(_("keep our data for (days)"), default=30)
    erase_on = models.DateField(_("erased on"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.party} · {self.erase_on}"
