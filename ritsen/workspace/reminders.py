"""Actions that fall due: on its due date the owner (or, without one, the owner
party's coordinators) gets a reminder; the day after, webhooks hear ``action.overdue``.
Each happens once per action: the action is marked in the same transaction, so a
concurrent run of the job finds it marked. A new due date starts afresh."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from ritsen.accounts.notifications import Notice, notify
from ritsen.collaborations.constants import Role
from ritsen.core import periodic

from .actions import PENDING, Action

#: Sent (in the transaction) when an action has passed its due date: ``action``.
action_overdue = Signal()


def _recipients(action: Action) -> list:
    owner = action.owner
    if owner is not None and owner.memberships.filter(party=action.owner_party_id).exists():
        return [owner]  # (someone who has left the party is not told)
    memberships = action.owner_party.memberships.filter(role=Role.COORDINATOR)
    return [membership.user for membership in memberships.select_related("user")]


@periodic.register("remind-due-actions")
def remind_due_actions() -> str:
    today = timezone.localdate()
    pending = Action.objects.filter(status__in=PENDING, due_date__isnull=False)
    reminded = overdue = 0
    for action_id in pending.filter(due_date__lte=today, reminded_on__isnull=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            if Action.objects.filter(pk=action_id, reminded_on__isnull=True).update(
                reminded_on=today
            ):
                action = Action.objects.select_related(
                    "owner", "owner_party__organisation", "collaboration"
                ).get(pk=action_id)
                url = settings.BASE_URL + reverse(
                    "workspace:actions_edit", args=[action.collaboration_id, action.pk]
                )
                notify(
                    Notice.ACTION_DUE,
                    _recipients(action),
                    template="workspace/email/action_due.txt",
                    subject="workspace/email/action_due_subject.txt",
                    context={"action": action, "collaboration": action.collaboration, "url": url},
                )
                reminded += 1
    for action_id in pending.filter(due_date__lt=today, overdue_sent_on__isnull=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            if Action.objects.filter(pk=action_id, overdue_sent_on__isnull=True).update(
                overdue_sent_on=today
            ):
                action_overdue.send(Action, action=Action.objects.get(pk=action_id))
                overdue += 1
    parts = []
    if reminded:
        parts.append(f"{reminded} action(s) due reminded")
    if overdue:
        parts.append(f"{overdue} action(s) overdue reported")
    return ", ".join(parts)
