"""The collaboration's home page composes from the apps above this one.

``collaborations`` must not import the apps that build on it (assessments, results,
transfer …), yet its home page shows their sections and panels. So those apps register
them here, in their ``AppConfig.ready``:

* a :class:`Section` is a part of the collaboration (rits-scan, trends, people …) with
  its URL, shown to whoever holds its permission;
* an :class:`Action` is a button on the home page (edit, export …);
* a :class:`Panel` is a block on the home page, drawn by its own template from the
  context its function returns (``None``: nothing to show).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from .access import Access, Perm


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    url_name: str  # reversed with the collaboration's id
    order: int
    perm: Perm = Perm.VIEW


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


@dataclass(frozen=True)
class PlacedLink:
    key: str
    label: str | Promise
    url: str
    download: bool = False


_SECTIONS: dict[str, Section] = {}
_ACTIONS: dict[str, Action] = {}
_PANELS: dict[str, Panel] = {}


def register_section(section: Section) -> None:
    _SECTIONS[section.key] = section


def register_action(action: Action) -> None:
    _ACTIONS[action.key] = action


def register_panel(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def _placed(items: Sequence[Section | Action], access: Access) -> list[PlacedLink]:
    return [
        PlacedLink(
            key=item.key,
            label=item.label,
            url=reverse(item.url_name, args=[access.collaboration.pk]),
            download=getattr(item, "download", False),
        )
        for item in sorted(items, key=lambda item: item.order)
        if access.can(item.perm)
    ]


def sections_for(access: Access) -> list[PlacedLink]:
    return _placed(list(_SECTIONS.values()), access)


def actions_for(access: Access) -> list[PlacedLink]:
    return _placed(list(_ACTIONS.values()), access)


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
