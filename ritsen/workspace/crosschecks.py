"""Inconsistencies between registers: pure functions over the workspace's items as plain
data (``RegisterData``), each found inconsistency naming the item to fix.

- an information need supplied by a party that owns no system (link 8 → 9);
- a handover whose deliverable is no information item (link 5 → 8);
- a RACI activity whose accountable party is responsible for no step of the process it
  points at (link 6 → 5);
- a system that no interface and no information need uses (link 9).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .completeness import RegisterData
from .registers.processes import handovers, ordered
from .registers.roles import accountable, letters_of


@dataclass(frozen=True)
class Inconsistency:
    kind: str  # the kind of the item to fix: "needs"
    item: int
    text: str


def supplier_without_system(data: RegisterData) -> list[Inconsistency]:
    owners = {system["owner_party"] for system in data.of("systems")}
    names = {party.id: party.name for party in data.parties}
    return [
        Inconsistency(
            "needs",
            need["id"],
            _("“%(item)s” is supplied by %(party)s, which owns no system (link 9).")
            % {"item": need["item"], "party": names.get(need["supplied_by"], "?")},
        )
        for need in data.of("needs")
        if need["supplied_by"] is not None and need["supplied_by"] not in owners
    ]


def handover_without_information(data: RegisterData) -> list[Inconsistency]:
    needs = {need["id"] for need in data.of("needs")}
    found = []
    for process in data.of("processes"):
        for step, _next in handovers(ordered(data.of("steps"), process["id"])):
            if step["information"] not in needs:
                found.append(
                    Inconsistency(
                        "steps",
                        step["id"],
                        _("“%(process)s”, step %(number)s hands over “%(deliverable)s”, which "
                          "is no information item (link 8).")
                        % {
                            "process": process["name"],
                            "number": step["number"],
                            "deliverable": step["deliverable"] or "—",
                        },
                    )
                )  # fmt: skip
    return found


def accountable_without_step(data: RegisterData) -> list[Inconsistency]:
    steps = {step["id"]: step for step in data.of("steps")}
    processes = {process["id"]: process for process in data.of("processes")}
    names = {party.id: party.name for party in data.parties}
    cells = letters_of(data)
    found = []
    for activity in data.of("activities"):
        step = steps.get(activity["step"])
        if step is None:
            continue
        doing = {s["party"] for s in data.of("steps") if s["process"] == step["process"]}
        for party in accountable(cells, activity["id"]):
            if party not in doing:
                found.append(
                    Inconsistency(
                        "activities",
                        activity["id"],
                        _("“%(activity)s”: %(party)s is accountable but responsible for no "
                          "step of “%(process)s” (link 5).")
                        % {
                            "activity": activity["title"],
                            "party": names.get(party, "?"),
                            "process": processes.get(step["process"], {}).get("name", ""),
                        },
                    )
                )  # fmt: skip
    return found


def unused_system(data: RegisterData) -> list[Inconsistency]:
    used = {need["channel"] for need in data.of("needs")}
    for interface in data.of("interfaces"):
        used |= {interface["from_system"], interface["to_system"]}
    return [
        Inconsistency(
            "systems",
            system["id"],
            _("System “%(name)s” is used by no interface and no information need.")
            % {"name": system["name"]},
        )
        for system in data.of("systems")
        if system["id"] not in used
    ]


CHECKS: list[Callable[[RegisterData], list[Inconsistency]]] = [
    supplier_without_system,
    handover_without_information,
    accountable_without_step,
    unused_system,
]

#: The kinds of item the checks read.
KINDS = ("systems", "interfaces", "needs", "processes", "steps", "activities", "raci")


def inconsistencies(data: RegisterData) -> list[Inconsistency]:
    return [found for check in CHECKS for found in check(data)]
