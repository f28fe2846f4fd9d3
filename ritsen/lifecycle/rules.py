"""The collaboration's lifecycle as a pure transition table.

verkennen (exploring) → voorbereiden (preparing) → afstemmen (aligning) → samenwerken
(active) → ontritsen (unzipping) → beëindigd (closed); and from active back to aligning
when the partners re-found the collaboration. Each transition has a guard: a function
of :class:`Facts` (gathered from the database by ``facts.py``) that returns what is
still missing, in the active language — nothing when the transition may be made.

Written by hand rather than with django-fsm-2: the guards need the reasons *why not*
(django-fsm's conditions return a bare bool), the all-parties approval is data rather
than a method, and a table of plain functions is what the pages, the API and the tests
read alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ritsen.collaborations.constants import Stage


@dataclass(frozen=True)
class Facts:
    """What the guards look at, as plain data."""

    parties: Sequence[str] = ()  # the parties' names
    without_coordinator: Sequence[str] = ()  # parties that have no coordinator yet
    profile_not_shared: Sequence[str] = ()  # parties that have not shared their profile
    shared_round: bool = False  # whether a round's results are shared
    weak_links: Sequence[str] = ()  # links of the latest shared round: weak or missing
    incomplete_registers: Sequence[str] = ()  # business case, agreements: not complete
    not_approved: Sequence[str] = ()  # parties whose coordinators have not approved
    reason: str = ""  # the reason given with the transition
    override: str = ""  # the facilitator's written reason to pass the round's guard
    exit_open: int = 0  # exit-checklist tasks not done yet


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def _to_preparing(facts: Facts) -> list[str]:
    missing = []
    if len(facts.parties) < 2:
        missing.append(_("A collaboration needs at least two parties."))
    if facts.without_coordinator:
        missing.append(
            ngettext(
                "Every party needs a coordinator: %(parties)s has none yet.",
                "Every party needs a coordinator: %(parties)s have none yet.",
                len(facts.without_coordinator),
            )
            % {"parties": _names(facts.without_coordinator)}
        )
    return missing


def _to_aligning(facts: Facts) -> list[str]:
    if facts.profile_not_shared:
        return [
            ngettext(
                "Every party shares its profile first: %(parties)s has not yet.",
                "Every party shares its profile first: %(parties)s have not yet.",
                len(facts.profile_not_shared),
            )
            % {"parties": _names(facts.profile_not_shared)}
        ]
    return []


def _to_active(facts: Facts) -> list[str]:
    missing = []
    if not facts.override.strip():
        if not facts.shared_round:
            missing.append(_("Share the results of a round of the rits-scan first."))
        elif facts.weak_links:
            missing.append(
                ngettext(
                    "The latest shared round has a weak or missing link: %(links)s.",
                    "The latest shared round has weak or missing links: %(links)s.",
                    len(facts.weak_links),
                )
                % {"links": _names(facts.weak_links)}
            )
    for register in facts.incomplete_registers:
        missing.append(
            _("The register “%(register)s” is not complete yet.") % {"register": register}
        )
    if facts.not_approved:
        missing.append(
            ngettext(
                "A coordinator of every party approves: %(parties)s has not yet.",
                "A coordinator of every party approves: %(parties)s have not yet.",
                len(facts.not_approved),
            )
            % {"parties": _names(facts.not_approved)}
        )
    return missing


def _with_reason(facts: Facts) -> list[str]:
    return [] if facts.reason.strip() else [_("Give a reason.")]


def _to_closed(facts: Facts) -> list[str]:
    if facts.exit_open:
        return [
            ngettext(
                "%(count)s task of the exit checklist is not done yet.",
                "%(count)s tasks of the exit checklist are not done yet.",
                facts.exit_open,
            )
            % {"count": facts.exit_open}
        ]
    return []


Guard = Callable[[Facts], list[str]]

TRANSITIONS: dict[tuple[Stage, Stage], Guard] = {
    (Stage.EXPLORING, Stage.PREPARING): _to_preparing,
    (Stage.PREPARING, Stage.ALIGNING): _to_aligning,
    (Stage.ALIGNING, Stage.ACTIVE): _to_active,
    (Stage.ACTIVE, Stage.ALIGNING): _with_reason,  # the partners re-found it
    (Stage.ACTIVE, Stage.UNZIPPING): _with_reason,
    (Stage.UNZIPPING, Stage.CLOSED): _to_closed,
}

#: Transitions that need the approval of a coordinator of every party.
NEEDS_APPROVAL = frozenset({(Stage.ALIGNING, Stage.ACTIVE)})
#: Transitions the facilitator may make against the round's guard, with a reason.
MAY_OVERRIDE = frozenset({(Stage.ALIGNING, Stage.ACTIVE)})


def targets(stage: Stage) -> list[Stage]:
    """Where a collaboration in ``stage`` may go next (guards aside)."""
    return [to for (start, to) in TRANSITIONS if start == stage]


def missing(start: Stage, to: Stage, facts: Facts) -> list[str]:
    """What stands in the way of ``start`` → ``to``; empty: it may be made."""
    guard = TRANSITIONS.get((start, to))
    if guard is None:
        return [
            _("A collaboration cannot go from “%(start)s” to “%(to)s”.")
            % {"start": Stage(start).label, "to": Stage(to).label}
        ]
    return guard(facts)
