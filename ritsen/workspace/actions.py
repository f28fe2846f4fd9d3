"""Actions: who does what by when, on which link — from the workspace, a dialogue
agenda item, a register's "what is missing" list, or the API."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registers.base import ExitRule, ItemKind, RegisterItem


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


#: Statuses of actions that still need doing.
PENDING = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Action(RegisterItem):
    title = models.CharField(_("action"), max_length=200)
    owner_party = models.ForeignKey(
        "collaborations.Party",
        verbose_name=_("owner party"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a person of the owner party."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the owner was reminded (its due date), and when it was reported overdue.
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    overdue_sent_on = models.DateField(null=True, blank=True, editable=False)

    class Meta(RegisterItem.Meta):
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["collaboration", "status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due_date is not None and self.due_date < today and self.status in PENDING


ACTIONS = ItemKind(
    key="actions",
    model=Action,
    fields=["title", "link_key", "owner_party", "owner", "due_date", "status", "notes"],
    columns=["title", "link_key", "owner_party", "owner", "due_date", "status"],
    label=_("action"),
    label_plural=_("Actions"),
)
#: What happens to a leaving party's open actions (``workspace/exit.py``).
ACTIONS_ON_EXIT = [
    ExitRule(
        _("Close it, or hand it over to another party."),
        "actions",
        ["owner_party"],
        when=lambda row: row["status"] not in (ActionStatus.DONE, ActionStatus.DROPPED),
    )
]


class AgendaOutcome(RegisterItem):
    """What the joint session concluded on one item (a link) of a round's dialogue
    agenda."""

    round = models.ForeignKey("assessments.Round", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("outcome"), max_length=5000, blank=True)

    class Meta(RegisterItem.Meta):
        verbose_name = _("outcome of the dialogue")
        verbose_name_plural = _("outcomes of the dialogue")
        constraints = [
            models.UniqueConstraint(fields=["round", "link_key"], name="one_outcome_per_item")
        ]

    def __str__(self) -> str:
        return self.note[:80]
