"""Marks that apps above ``results`` add to each link wherever the links are listed
with their scores — the home page's links, the zipper's table, the dialogue agenda
(the workspace shows how complete each link's register is: "strong scores, empty
register" at a glance). ``results`` does not import those apps: they register here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ritsen.collaborations.access import Access


@dataclass(frozen=True)
class ChartMark:
    """A mark as the zipper picture draws it beside a link: a short text in the colours
    of a state band (``strong``, ``attention``, ``weak``, or ``missing`` for none)."""

    text: str
    level: str


@dataclass(frozen=True)
class LinkMark:
    key: str
    label: str | Any  # the column's heading
    template: str  # drawn with ``value`` (this link's) and ``link``
    values: Callable[[Access], Mapping[str, Any]]  # per link key
    # How the zipper picture draws a link's value (None: not in the picture).
    chart: Callable[[Any], ChartMark] | None = None


_MARKS: list[LinkMark] = []


def register(mark: LinkMark) -> None:
    if all(known.key != mark.key for known in _MARKS):
        _MARKS.append(mark)


@dataclass(frozen=True)
class Marks:
    label: Any
    template: str
    values: Mapping[str, Any]

    def of(self, link_key: str) -> Any:
        return self.values.get(link_key)


def marks_for(access: Access) -> list[Marks]:
    return [Marks(mark.label, mark.template, mark.values(access)) for mark in _MARKS]


def chart_marks(access: Access) -> tuple[str, dict[str, ChartMark]] | None:
    """The mark the zipper picture draws beside each link: its heading and, per link
    key, how it looks (None: no app registered one)."""
    for mark in _MARKS:
        if mark.chart is not None:
            values = mark.values(access)
            return str(mark.label), {key: mark.chart(value) for key, value in values.items()}
    return None


@dataclass(frozen=True)
class LinkSection:
    """A section that an app above adds to a shared link's page: drawn by ``template``
    with what ``context(access, round, link_key)`` returns (``None``: nothing)."""

    key: str
    template: str
    context: Callable[[Access, Any, str], Mapping[str, Any] | None]


_SECTIONS: list[LinkSection] = []


def register_section(section: LinkSection) -> None:
    if all(known.key != section.key for known in _SECTIONS):
        _SECTIONS.append(section)


def sections_for(access: Access, round_: Any, link_key: str) -> list[tuple[str, Mapping[str, Any]]]:
    found = []
    for section in _SECTIONS:
        context = section.context(access, round_, link_key)
        if context is not None:
            found.append((section.template, context))
    return found


@dataclass(frozen=True)
class AgendaPart:
    """A part an app above adds to every item of a round's dialogue agenda: drawn by
    ``template`` with ``value`` — what ``values(access, round)`` gives for the link."""

    key: str
    template: str
    values: Callable[[Access, Any], Mapping[str, Any]]


_AGENDA_PARTS: list[AgendaPart] = []


def register_agenda_part(part: AgendaPart) -> None:
    if all(known.key != part.key for known in _AGENDA_PARTS):
        _AGENDA_PARTS.append(part)


def agenda_parts_for(access: Access, round_: Any) -> list[Marks]:
    return [Marks("", part.template, part.values(access, round_)) for part in _AGENDA_PARTS]
