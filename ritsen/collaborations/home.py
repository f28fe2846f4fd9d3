"""The collaboration's home page composes from the apps above this one.

``collaborations`` must not import the apps that build on it (assessments, results,
transfer …), yet its home page shows their sections and panels. So those apps register
them here, in their ``AppConfig.ready``:

* a :class:`Section` is a part of the collaboration (rits-scan, trends, people …) with
  its URL, shown to whoever holds its permission;
* an :class:`Action` is a button on the home page (edit, export …);
* a :class:`Panel` is a block on the home page, drawn by its own template from the
  context its function returns (``None``: nothing to show);
* a :class:`NextSteps` source says what is waiting for this person (invite your
  respondents, release your results …): the "next step" panel lists them all;
* a :class:`CardDetail` adds a line to each collaboration's card on the list (the
  zipper's state, the open round …), for many collaborations in a few queries.

The sections also make the navigation inside a collaboration (on every page of it);
a section is current when the page's view name matches one of its ``active_for``
patterns (``"namespace:name"``, or ``"namespace:prefix*"``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from .access import Access, Perm
from .models import Collaboration


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    url_name: str  # reversed with the collaboration's id
    order: int
    perm: Perm = Perm.VIEW
    active_for: tuple[str, ...] = ()
    # Instead of ``url_name``: the URL for this person (``None``: not shown to them).
    url: Callable[[Access], str | None] | None = None

    def url_for(self, access: Access) -> str | None:
        if self.url is not None:
            return self.url(access)
        return reverse(self.url_name, args=[access.collaboration.pk])

    def is_active(self, view_name: str) -> bool:
        return any(
            view_name.startswith(pattern[:-1]) if pattern.endswith("*") else view_name == pattern
            for pattern in self.active_for
        )


@dataclass(frozen=True)
class Action:
    key: str
    label: str | Promise
    url_name: str
    order: int
    perm: Perm
    download: bool = False


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    template: str
    context: Callable[[Access], Mapping[str, Any] | None]


class Tone(StrEnum):
    ACTION = "action"  # something this person should do
    WAIT = "wait"  # waiting for others
    DONE = "done"  # nothing to do; what to look at


@dataclass(frozen=True)
class NextStep:
    """One thing waiting for this person: a sentence, and where to do it."""

    text: str
    url: str | None = None
    label: str | None = None  # the button; required with ``url``
    tone: Tone = Tone.ACTION
    priority: int = 50  # lower first


@dataclass(frozen=True)
class NextSteps:
    key: str
    steps: Callable[[Access], Sequence[NextStep]]


@dataclass(frozen=True)
class CardDetail:
    key: str
    order: int
    template: str
    # {collaboration id: template context} for those it has something to say about.
    contexts: Callable[[Sequence[Collaboration]], Mapping[int, Mapping[str, Any]]]


@dataclass(frozen=True)
class PlacedLink:
    key: str
    label: str | Promise
    url: str
    download: bool = False
    current: bool = False


_SECTIONS: dict[str, Section] = {}
_ACTIONS: dict[str, Action] = {}
_PANELS: dict[str, Panel] = {}
_NEXT_STEPS: dict[str, NextSteps] = {}
_CARD_DETAILS: dict[str, CardDetail] = {}


def register_section(section: Section) -> None:
    _SECTIONS[section.key] = section


def register_action(action: Action) -> None:
    _ACTIONS[action.key] = action


def register_panel(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def register_next_steps(source: NextSteps) -> None:
    _NEXT_STEPS[source.key] = source


def register_card_detail(detail: CardDetail) -> None:
    _CARD_DETAILS[detail.key] = detail


def sections_for(access: Access, view_name: str = "") -> list[PlacedLink]:
    """The collaboration's sections this person may open, the current one marked."""
    placed = []
    for section in sorted(_SECTIONS.values(), key=lambda section: section.order):
        if not access.can(section.perm) or (url := section.url_for(access)) is None:
            continue
        placed.append(
            PlacedLink(
                key=section.key,
                label=section.label,
                url=url,
                current=bool(view_name) and section.is_active(view_name),
            )
        )
    return placed


def actions_for(access: Access) -> list[PlacedLink]:
    return [
        PlacedLink(
            key=action.key,
            label=action.label,
            url=reverse(action.url_name, args=[access.collaboration.pk]),
            download=action.download,
        )
        for action in sorted(_ACTIONS.values(), key=lambda action: action.order)
        if access.can(action.perm)
    ]


def next_steps_for(access: Access) -> list[NextStep]:
    """Everything waiting for this person in this collaboration, most urgent first."""
    steps = [step for source in _NEXT_STEPS.values() for step in source.steps(access)]
    return sorted(steps, key=lambda step: step.priority)


def card_details_for(collaborations: Sequence[Collaboration]) -> dict[int, list[PlacedPanel]]:
    """Per collaboration, the lines its card shows (a few queries for all of them)."""
    placed: dict[int, list[PlacedPanel]] = {c.pk: [] for c in collaborations}
    for detail in sorted(_CARD_DETAILS.values(), key=lambda detail: detail.order):
        for collaboration_id, context in detail.contexts(collaborations).items():
            placed[collaboration_id].append(
                PlacedPanel(key=detail.key, template=detail.template, context=context)
            )
    return placed


@dataclass(frozen=True)
class PlacedPanel:
    key: str
    template: str
    context: Mapping[str, Any]


def panels_for(access: Access) -> list[PlacedPanel]:
    placed = []
    for panel in sorted(_PANELS.values(), key=lambda panel: panel.order):
        context = panel.context(access)
        if context is not None:
            placed.append(PlacedPanel(key=panel.key, template=panel.template, context=context))
    return placed
