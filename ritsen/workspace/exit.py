"""Exit readiness: what happens to the workspace if a party leaves.

Every register declares it (``Register.on_exit``, a list of :class:`ExitRule`): which of
its items concern a party, and what must happen to them — agreements end or pass to
another party, steps and RACI letters are reassigned, information needs are taken over,
systems return their data and remove access. :func:`tasks` turns those rules into the
tasks for one leaving party, over the items everyone in the collaboration sees (each row with its
``label``: the item in words) (a
party's private data is named as a whole, never counted). The lifecycle's exit
checklist reads these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .completeness import RegisterData
from .registers.base import ExitRule, ExitTask


@dataclass(frozen=True)
class ExitPart:
    """One link's register (or the actions) and its tasks for the leaving party."""

    title: str
    url_name: str  # the page of the register
    tasks: list[ExitTask]


def tasks(rules: Sequence[ExitRule], data: RegisterData, party: int) -> list[ExitTask]:
    """The tasks for ``party`` leaving, from a register's exit rules (pure)."""
    found: list[ExitTask] = []
    for number, rule in enumerate(rules):
        if not rule.kind:
            found.append(ExitTask(kind="", item=None, name="", todo=str(rule.todo), rule=number))
            continue
        for row in data.of(rule.kind):
            if rule.when is not None and not rule.when(row):
                continue
            if any(row.get(name) == party for name in rule.fields):
                found.append(
                    ExitTask(
                        kind=rule.kind,
                        item=row["id"],
                        name=str(row.get("label") or ""),
                        todo=str(rule.todo),
                        rule=number,
                    )
                )
    return found
