"""Changing the lifecycle: one code path for pages, the API and commands.

A transition locks the collaboration's row, gathers the facts and asks the guard
(``rules``), saves the new stage, writes an event in the audit log and tells the
webhooks (``lifecycle.changed``, delivered after the commit by the task queue).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.constants import Stage
from ritsen.collaborations.models import Collaboration, Party
from ritsen.core.errors import ServiceError

from . import checklist, facts, rules
from .models import Approval, AuditEvent, AuditKind, ExitTick, ScaleEvent, ScaleKind

#: sender=Collaboration, collaboration=…, event=<the AuditEvent>
lifecycle_changed = Signal()


class GuardRefused(ServiceError):
    """The transition may not be made yet: ``missing`` says why."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(" ".join(missing))
        self.missing = missing


def _stage(value: str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise ServiceError(_("“%(stage)s” is not a stage.") % {"stage": value}) from None


def _locked(access: Access) -> Collaboration:
    collaboration = Collaboration.objects.select_for_update().get(pk=access.collaboration.pk)
    access.collaboration.stage = collaboration.stage
    access.collaboration.stage_since = collaboration.stage_since
    return collaboration


@transaction.atomic
def transition(access: Access, to: str, *, reason: str = "", override: str = "") -> AuditEvent:
    """Move the collaboration to stage ``to``, or refuse with what is missing."""
    access.require(Perm.MANAGE_LIFECYCLE)
    target = _stage(to)
    collaboration = _locked(access)
    start = Stage(collaboration.stage)
    reason, override = reason.strip()[:5000], override.strip()[:5000]
    if override and (start, target) not in rules.MAY_OVERRIDE:
        raise ServiceError(_("This transition has no guard to override."))
    missing = rules.missing(
        start, target, facts.gather(access, target, reason=reason, override=override)
    )
    if missing:
        raise GuardRefused(missing)
    collaboration.stage = target
    collaboration.stage_since = timezone.now()
    collaboration.save(update_fields=["stage", "stage_since", "updated_at"])
    access.collaboration.stage, access.collaboration.stage_since = target, collaboration.stage_since
    event = AuditEvent.objects.create(
        collaboration=collaboration,
        kind=AuditKind.STAGE_CHANGED,
        actor=access.user,
        from_stage=start,
        to_stage=target,
        reason=reason or override,
        # The facilitator's written reason to go on despite the round, kept as given.
        data={"override": override} if override else {},
    )
    lifecycle_changed.send(Collaboration, collaboration=collaboration, event=event)
    return event


def _approving(access: Access, to: str, party: Party | None) -> tuple[Party, Stage]:
    """Check that a coordinator decides on ``to`` for their own party, and lock the row:
    a transition gathers the approvals under the same lock, so it sees each one given or
    withdrawn before it, never half of one."""
    access.require(Perm.APPROVE_LIFECYCLE, party)  # no party: one's own
    party = party or access.party
    if party is None:
        raise ServiceError(_("Only a coordinator of a party approves, on its behalf."))
    start = Stage(_locked(access).stage)
    if (start, _stage(to)) not in rules.NEEDS_APPROVAL:
        raise ServiceError(_("This transition does not ask for the parties' approval."))
    return party, start


@transaction.atomic
def approve(access: Access, to: str, party: Party | None = None) -> Approval:
    """A coordinator approves the transition to ``to`` on behalf of their party."""
    party, start = _approving(access, to, party)
    collaboration = access.collaboration
    try:
        with transaction.atomic():
            approval, made = Approval.objects.get_or_create(
                collaboration=collaboration,
                party=party,
                from_stage=start,
                to_stage=to,
                stage_since=collaboration.stage_since,
                defaults={"approved_by": access.user},
            )
    except IntegrityError:  # approved at the same moment by another coordinator
        approval, made = Approval.objects.get(
            collaboration=collaboration, party=party, from_stage=start, to_stage=to,
            stage_since=collaboration.stage_since,
        ), False  # fmt: skip
    if made:
        AuditEvent.objects.create(
            collaboration=collaboration, kind=AuditKind.APPROVED, actor=access.user,
            party=party, from_stage=start, to_stage=to,
        )  # fmt: skip
    return approval


@transaction.atomic
def withdraw_approval(access: Access, to: str, party: Party | None = None) -> bool:
    """A coordinator takes their party's approval of ``to`` back before the transition is
    made (once made, the next stage has no approvals to take back). Withdrawing what was
    not given changes nothing; whether anything was withdrawn is returned."""
    party, start = _approving(access, to, party)
    collaboration = access.collaboration
    withdrawn = (
        Approval.objects.filter(
            collaboration=collaboration,
            party=party,
            from_stage=start,
            to_stage=to,
            stage_since=collaboration.stage_since,
        ).delete()[0]  # fmt: skip
        > 0
    )
    if withdrawn:
        AuditEvent.objects.create(
            collaboration=collaboration, kind=AuditKind.WITHDRAWN, actor=access.user,
            party=party, from_stage=start, to_stage=to,
        )  # fmt: skip
    return withdrawn


@transaction.atomic
def record_scale_event(access: Access, data: dict[str, Any]) -> ScaleEvent:
    """While active: a party joins or leaves, or the scope grows or shrinks."""
    access.require(Perm.MANAGE_LIFECYCLE)
    collaboration = _locked(access)
    if collaboration.stage != Stage.ACTIVE:
        raise ServiceError(_("Scale events are recorded while the collaboration is active."))
    kind = ScaleKind(data["kind"])
    party = data.get("party")
    if kind in ScaleKind.with_party() and party is None:
        raise ServiceError(_("Name the party that joins or leaves."))
    if party is not None and party.collaboration_id != collaboration.pk:
        raise ServiceError(_("This party is not in the collaboration."))
    event = ScaleEvent.objects.create(
        collaboration=collaboration,
        kind=kind,
        party=party if kind in ScaleKind.with_party() else None,
        description=data["description"],
        link_keys=list(data.get("link_keys") or []),
        effective_on=data["effective_on"],
        reason=data["reason"],
        created_by=access.user,
    )
    AuditEvent.objects.create(
        collaboration=collaboration, kind=AuditKind.SCALE_EVENT, actor=access.user,
        party=event.party, reason=event.reason,
        data={"scale_event": event.pk, "kind": str(kind)},
    )  # fmt: skip
    return event


#: The stages in which exit tasks are ticked: a party leaves while active, every party
#: while unzipping.
TICKING = frozenset({Stage.ACTIVE, Stage.UNZIPPING})


def may_tick(access: Access, party: Party) -> bool:
    """The leaving party's own people tick its exit tasks; the facilitator moderates."""
    return access.can(Perm.MODERATE_WORKSPACE) or access.can(Perm.EDIT_PARTY_WORKSPACE, party)


def may_tick_now(access: Access, party: Party) -> bool:
    """:func:`may_tick`, in a stage in which tasks are ticked (what the page offers)."""
    return may_tick(access, party) and access.collaboration.stage in TICKING


def may_record_scale_event(access: Access) -> bool:
    """The facilitator records scale events, while the collaboration is active."""
    return access.can(Perm.MANAGE_LIFECYCLE) and access.collaboration.stage == Stage.ACTIVE


@transaction.atomic
def tick(access: Access, party: Party, task_key: str, *, done: bool = True) -> None:
    """Mark a task of ``party``'s exit checklist done (or not done again)."""
    access.require(Perm.EDIT_WORKSPACE, party)  # 404 for another collaboration's party
    if not may_tick(access, party):
        raise PermissionDenied
    if access.collaboration.stage not in TICKING:
        raise ServiceError(
            _("Exit tasks are ticked off while a party leaves or the collaboration unzips.")
        )
    if task_key not in {task.key for task in checklist.tasks(access, party)}:
        raise ServiceError(_("This task is not on the exit checklist."))
    if done:
        _tick, changed = ExitTick.objects.get_or_create(
            collaboration=access.collaboration, party=party, task=task_key,
            defaults={"done_by": access.user},
        )  # fmt: skip
    else:
        changed = ExitTick.objects.filter(party=party, task=task_key).delete()[0] > 0
    if changed:
        AuditEvent.objects.create(
            collaboration=access.collaboration, kind=AuditKind.EXIT_TASK, actor=access.user,
            party=party, data={"task": task_key, "done": done},
        )  # fmt: skip
