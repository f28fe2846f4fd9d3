"""What every chart shares: the SVG frame, how states and parties look, number text."""

from __future__ import annotations

import dataclasses
import itertools
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ritsen.results import texts
from ritsen.results.data import Results
from ritsen.results.scoring import LinkState, ZipperState

from .geometry import clamp
from .palette import (
    FONT,
    STATE_COLOURS,
    STATE_ICONS,
    UI_COLOURS,
    ZIPPER_COLOURS,
    PartyStyle,
    StateColours,
    party_style,
)
from .text import text_width

WIDE = 480  # wider charts scroll sideways on a phone instead of shrinking further
LEGEND_ORDER = (
    LinkState.STRONG,
    LinkState.ATTENTION,
    LinkState.MISALIGNED,
    LinkState.WEAK,
    LinkState.MISSING,
)

_ids = itertools.count(1)


@dataclass(frozen=True)
class Svg:
    """The outer ``<svg>`` of a chart: its size and its accessible name and description."""

    id: str
    role: str
    font: str
    width: float
    height: float
    wide: bool
    title: str
    desc: str
    colours: dict[str, str]


def svg_frame(
    kind: str, width: float, height: float, title: str, desc: str, interactive: bool = False
) -> Svg:
    return Svg(
        # Unique within the process, so several charts on one page keep their ids apart.
        id=f"chart-{kind}-{next(_ids)}",
        # An image may not contain links (WCAG: nested interactive); a chart whose
        # links lead to details is a labelled group instead.
        role="group" if interactive else "img",
        font=FONT,
        width=width,
        height=height,
        wide=width > WIDE,
        title=title,
        desc=desc,
        colours=UI_COLOURS,
    )


@dataclass(frozen=True)
class Chart:
    """Base of every chart: the frame, and its fields as the template's context."""

    frame: Svg

    def context(self) -> dict[str, Any]:
        context = {field.name: getattr(self.frame, field.name) for field in dataclasses.fields(Svg)}
        for field in dataclasses.fields(self):
            if field.name != "frame":
                context[field.name] = getattr(self, field.name)
        return context


@dataclass(frozen=True)
class StateView:
    key: str
    label: str
    colours: StateColours
    icon: str


def state_view(state: LinkState | ZipperState) -> StateView:
    key = str(state)
    return StateView(
        key=key,
        label=str(state.label),
        colours=STATE_COLOURS.get(key) or ZIPPER_COLOURS[key],
        icon=STATE_ICONS[key],
    )


@dataclass(frozen=True)
class PartyView:
    pk: int
    name: str
    letter: str
    style: PartyStyle


def party_views(results: Results) -> list[PartyView]:
    return [
        PartyView(
            pk=party.pk,
            name=str(party.name),
            letter=string.ascii_uppercase[i % 26],
            style=party_style(i),
        )
        for i, party in enumerate(results.parties)
    ]


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float
    y: float


def text_lines(lines: Sequence[str], x: float, first: float, step: float) -> list[TextLine]:
    return [TextLine(text=line, x=x, y=first + step * i) for i, line in enumerate(lines)]


def fmt(value: Decimal | int | None) -> str:
    """A rounded value with two decimals in the active language, or a dash."""
    return "—" if value is None else number_format(value, decimal_pos=2)


def link_title(link: Any) -> str:
    return f"{link.id} {link.name}"


def withheld_text(min_respondents: int | None = None) -> str:
    """A withheld cell: "fewer than 3 respondents" (never how many); without a
    threshold (a legend) the general words."""
    if min_respondents is None:
        return _("too few respondents")
    return texts.withheld(min_respondents)


LinkUrl = str | Callable[[int], str] | None


def link_url_builder(results: Results, link_url: LinkUrl) -> Callable[[int], str] | None:
    """The function giving a link's detail URL, or ``None`` (see the tag library)."""
    if not link_url:
        return None
    if callable(link_url):
        return link_url
    template = link_url
    if "{id}" in template:
        return lambda link_id: template.replace("{id}", str(link_id))
    round_ = results.round
    return lambda link_id: reverse(template, args=[round_.collaboration_id, round_.pk, link_id])


def line_name(style: PartyStyle) -> str:
    """How a party's line looks, in words (for the chart's description)."""
    dash = {
        "": _("solid line"),
        "8 4": _("dashed line"),
        "2 3": _("dotted line"),
        "10 3 2 3": _("dash-dot line"),
        "5 5": _("short dashes"),
        "12 3 3 3 3 3": _("dash-dot-dot line"),
    }[style.dash]
    marker = {
        "circle": _("circles"),
        "square": _("squares"),
        "triangle": _("triangles"),
        "diamond": _("diamonds"),
        "triangle-down": _("downward triangles"),
        "cross": _("crosses"),
    }[style.marker]
    return _("%(line)s with %(markers)s") % {"line": dash, "markers": marker}


@dataclass(frozen=True)
class ThresholdLabel:
    tx: float
    anchor: str
    lines: list[str]


def threshold_label(
    x: float, lines: list[str], anchor: str, left: float, right: float
) -> ThresholdLabel:
    """Keep a threshold's label inside ``left .. right``, on its own side of the line."""
    w = max(text_width(line, 12, bold=True) for line in lines)
    if anchor == "end":
        tx = clamp(x - 5, left + w, right)
    else:
        tx = clamp(x + 5, left, right - w)
    return ThresholdLabel(tx=tx, anchor=anchor, lines=lines)
