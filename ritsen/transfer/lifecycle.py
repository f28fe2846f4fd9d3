"""The lifecycle in the transfer file (format 4): the stage and since when, the scale
events, the audit log, the parties' approvals, the exit checklist's ticks and the
confirmed departures (so an erasure still due happens in the copy too) — parties
by organisation name, people by email address, as the rest of the file."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from ritsen.collaborations.models import Collaboration
from ritsen.lifecycle import checklist
from ritsen.lifecycle.models import Approval, AuditEvent, Departure, ExitTick, ScaleEvent

from . import workspace
from .schema import LifecycleEntry


def export(collaboration: Collaboration, users: Any) -> dict[str, Any]:
    from .services.common import format_datetime

    numbered = workspace.numbers(collaboration)

    def party(obj: Any) -> str | None:
        return obj.party.name if obj.party_id is not None else None

    return {
        "stage": collaboration.stage,
        "stage_since": format_datetime(collaboration.stage_since)
        if collaboration.stage_since
        else None,
        "scale_events": [
            {
                "kind": event.kind,
                "party": party(event),
                "description": event.description,
                "link_keys": list(event.link_keys),
                "effective_on": event.effective_on.isoformat(),
                "reason": event.reason,
                "created_by": users.ref(event.created_by),
                "created_at": format_datetime(event.created_at),
            }
            for event in ScaleEvent.objects.filter(collaboration=collaboration).select_related(
                "party__organisation", "created_by"
            )
        ],
        "audit": [
            {
                "kind": event.kind,
                "actor": users.ref(event.actor),
                "party": party(event),
                "from_stage": event.from_stage,
                "to_stage": event.to_stage,
                "reason": event.reason,
                "data": event.data,
                "created_at": format_datetime(event.created_at),
            }
            for event in AuditEvent.objects.filter(collaboration=collaboration).select_related(
                "party__organisation", "actor"
            )
        ],
        "approvals": [
            {
                "party": approval.party.name,
                "from_stage": approval.from_stage,
                "to_stage": approval.to_stage,
                "stage_since": format_datetime(approval.stage_since)
                if approval.stage_since
                else None,
                "approved_by": users.ref(approval.approved_by),
                "approved_at": format_datetime(approval.approved_at),
            }
            for approval in Approval.objects.filter(collaboration=collaboration)
            .select_related("party__organisation", "approved_by")
            .order_by("approved_at", "pk")
        ],
        "exit_ticks": [
            {
                "party": tick.party.name,
                "task": task,
                "done_by": users.ref(tick.done_by),
                "done_at": format_datetime(tick.done_at),
            }
            for tick in ExitTick.objects.filter(collaboration=collaboration)
            .select_related("party__organisation", "done_by")
            .order_by("done_at", "pk")
            # The task's item by its ref in the file (a tick of an item since deleted
            # is of no task any more, and stays behind).
            if (task := checklist.renumber(tick.task, lambda kind, pk: numbered.get((kind, pk))))
        ],
        "departures": [
            {
                "party": gone.party.name,
                "retention_days": gone.retention_days,
                "erase_on": gone.erase_on.isoformat(),
                "confirmed_by": users.ref(gone.confirmed_by),
                "confirmed_at": format_datetime(gone.confirmed_at),
                "erased_at": format_datetime(gone.erased_at) if gone.erased_at else None,
            }
            for gone in Departure.objects.filter(collaboration=collaboration)
            .select_related("party__organisation", "confirmed_by")
            .order_by("confirmed_at", "pk")
        ],
    }


def check(
    entry: LifecycleEntry,
    *,
    party: Callable[[str | None, tuple[Any, ...]], None],
    user: Callable[[str | None, tuple[Any, ...]], None],
    link_keys: set[str],
    refs: Mapping[str, set[int]],
    fail: Callable[[tuple[Any, ...], str], Exception],
) -> None:
    """Check the lifecycle part of a file; ``refs``: the items' refs per kind."""
    for index, event in enumerate(entry.scale_events):
        path = ("lifecycle", "scale_events", index)
        party(event.party, (*path, "party"))
        user(event.created_by, (*path, "created_by"))
        for number, link_key in enumerate(event.link_keys):
            if link_key not in link_keys:
                raise fail((*path, "link_keys", number), _("this is not a link of the framework"))
    for index, audit in enumerate(entry.audit):
        party(audit.party, ("lifecycle", "audit", index, "party"))
        user(audit.actor, ("lifecycle", "audit", index, "actor"))
    seen: set[tuple[Any, ...]] = set()
    for index, approval in enumerate(entry.approvals):
        path = ("lifecycle", "approvals", index)
        party(approval.party, (*path, "party"))
        user(approval.approved_by, (*path, "approved_by"))
        given = (approval.party, approval.from_stage, approval.to_stage, approval.stage_since)
        if given in seen:
            raise fail(path, _("this approval occurs twice"))
        seen.add(given)
    ticked: set[tuple[str, str]] = set()
    for index, tick in enumerate(entry.exit_ticks):
        path = ("lifecycle", "exit_ticks", index)
        party(tick.party, (*path, "party"))
        user(tick.done_by, (*path, "done_by"))
        if (tick.party, tick.task) in ticked:
            raise fail(path, _("this task is ticked twice"))
        if (
            checklist.renumber(
                tick.task, lambda kind, ref: ref if ref in refs.get(kind, ()) else None
            )
            is None
        ):
            raise fail((*path, "task"), _("this task's item is not in the file"))
        ticked.add((tick.party, tick.task))
    departed: set[str] = set()
    for index, gone in enumerate(entry.departures):
        path = ("lifecycle", "departures", index)
        party(gone.party, (*path, "party"))
        user(gone.confirmed_by, (*path, "confirmed_by"))
        if gone.party in departed:
            raise fail(path, _("this party departs twice"))
        departed.add(gone.party)


def write(
    collaboration: Collaboration,
    entry: LifecycleEntry | None,
    *,
    party: Callable[[str | None], Any],
    user: Callable[[str | None], Any],
    items: Mapping[tuple[str, int], int],
) -> None:
    """Create the checked lifecycle; ``items``: the new items' ids by (kind, ref)."""
    if entry is None:
        return  # an older file: the collaboration starts as exploring
    Collaboration.objects.filter(pk=collaboration.pk).update(
        stage=entry.stage, stage_since=entry.stage_since
    )
    collaboration.stage, collaboration.stage_since = entry.stage, entry.stage_since
    stamped: list[tuple[Any, str, Any]] = []
    for scale in entry.scale_events:
        event = ScaleEvent.objects.create(
            collaboration=collaboration, kind=scale.kind, party=party(scale.party),
            description=scale.description, link_keys=scale.link_keys,
            effective_on=scale.effective_on, reason=scale.reason,
            created_by=user(scale.created_by),
        )  # fmt: skip
        stamped.append((event, "created_at", scale.created_at))
    for logged in entry.audit:
        audit = AuditEvent.objects.create(
            collaboration=collaboration, kind=logged.kind, actor=user(logged.actor),
            party=party(logged.party), from_stage=logged.from_stage, to_stage=logged.to_stage,
            reason=logged.reason, data=logged.data,
        )  # fmt: skip
        stamped.append((audit, "created_at", logged.created_at))
    for given in entry.approvals:
        approval = Approval.objects.create(
            collaboration=collaboration, party=party(given.party), from_stage=given.from_stage,
            to_stage=given.to_stage, stage_since=given.stage_since,
            approved_by=user(given.approved_by),
        )  # fmt: skip
        stamped.append((approval, "approved_at", given.approved_at))
    for done in entry.exit_ticks:
        # The item's ref in the file becomes the new item's id (checked: it is there).
        task = checklist.renumber(done.task, lambda kind, ref: items.get((kind, ref)))
        tick = ExitTick.objects.create(
            collaboration=collaboration, party=party(done.party), task=task or done.task,
            done_by=user(done.done_by),
        )  # fmt: skip
        stamped.append((tick, "done_at", done.done_at))
    for gone in entry.departures:
        departure = Departure.objects.create(
            collaboration=collaboration, party=party(gone.party),
            retention_days=gone.retention_days, erase_on=gone.erase_on,
            confirmed_by=user(gone.confirmed_by), erased_at=gone.erased_at,
        )  # fmt: skip
        stamped.append((departure, "confirmed_at", gone.confirmed_at))
    for obj, name, moment in stamped:  # the moments of the file, not of the import
        type(obj).objects.filter(pk=obj.pk).update(**{name: moment})
