"""The exit checklist: per leaving party, the workspace's exit tasks (generated from the
registers' exit rules, ``workspace.exit``) and which of them are done."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ritsen.collaborations.access import Access
from ritsen.collaborations.models import Party
from ritsen.workspace import selectors
from ritsen.workspace.registers.base import ExitTask

from .models import ExitTick


@dataclass(frozen=True)
class Task:
    key: str  # stable: the register, the kind and the item
    part: str  # the register (or "Actions")
    task: ExitTask
    url: str | None  # the item to change
    done: bool


def key(part: str, task: ExitTask) -> str:
    return f"{part}:{task.rule}:{task.kind}:{task.item or ''}"[:100]


def renumber(task_key: str, number: Callable[[str, int], int | None]) -> str | None:
    """``task_key`` with its item (a database id) replaced by ``number(kind, item)`` —
    e.g. the item's ref in a transfer file, and back; None where ``number`` finds no
    item. The key of a task for a whole part has no item and stays as it is."""
    parts = task_key.rsplit(":", 3)  # the part is a URL name, which has a ":" itself
    if len(parts) != 4 or not parts[3]:
        return task_key
    part, rule, kind, item = parts
    found = number(kind, int(item)) if item.isascii() and item.isdigit() else None
    return None if found is None else f"{part}:{rule}:{kind}:{found}"


def tasks(access: Access, party: Party) -> list[Task]:
    """``party``'s exit checklist."""
    return tasks_of(access, [party])[party.pk]


def tasks_of(access: Access, parties: Sequence[Party]) -> dict[int, list[Task]]:
    """The exit checklists of ``parties``: the workspace read once, the ticks in one query."""
    done = set(
        ExitTick.objects.filter(
            collaboration=access.collaboration, party__in=[party.pk for party in parties]
        ).values_list("party_id", "task")
    )
    found: dict[int, list[Task]] = {}
    for party_id, plan in selectors.exit_plans(access, parties).items():
        found[party_id] = []
        for part in plan:
            for task in part.tasks:
                url = None
                if task.item is not None:
                    url = selectors.edit_url(access, task.kind, task.item)
                task_key = key(part.url_name, task)
                found[party_id].append(
                    Task(task_key, part.title, task, url, (party_id, task_key) in done)
                )
    return found


def open_count(access: Access, parties: Sequence[Party]) -> int:
    """How many tasks of the parties' exit checklists are not done yet."""
    return sum(1 for found in tasks_of(access, parties).values() for task in found if not task.done)
