"""A spider chart: one axis per link, one line per party (colour, dash and marker)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ritsen.results.data import Results

from . import geometry as geo
from .frame import (
    Chart,
    PartyView,
    fmt,
    line_name,
    link_title,
    party_views,
    svg_frame,
    withheld_text,
)

RADIUS = 150


@dataclass(frozen=True)
class Axis:
    id: int
    x2: float
    y2: float
    label: geo.Point


@dataclass(frozen=True)
class Ring:
    points: str
    outer: bool
    label: str
    label_y: float


@dataclass(frozen=True)
class Line:
    party: PartyView
    closed: bool
    runs: list[str]
    markers: list[str]
    sample: str
    cross: bool


@dataclass(frozen=True)
class KeyItem:
    id: int
    name: str


@dataclass(frozen=True)
class TableRow:
    title: str
    cells: list[str]


@dataclass(frozen=True)
class RadarChart(Chart):
    centre: geo.Point
    lo: int
    axes: list[Axis]
    rings: list[Ring]
    lines: list[Line]
    parties: list[PartyView]
    key: list[KeyItem]
    table_caption: str
    table_rows: list[TableRow]


def build(results: Results) -> RadarChart:
    """The axes carry the link numbers and a key below names the links, which keeps the
    chart readable on a phone and for twenty links alike. A withheld score leaves a
    break in the party's line."""
    spec, result = results.spec, results.result
    parties = party_views(results)
    lo, hi = spec.scale_min, spec.scale_max
    links = list(spec.links)
    count = len(links)
    radius = RADIUS
    width = 2 * (radius + 34)
    centre = geo.Point(width / 2, geo.PAD + 26 + radius)

    axes = []
    for i, link in enumerate(links):
        rim = geo.radar_point(i, count, hi, lo, hi, centre, radius)
        label = geo.radar_point(i, count, hi, lo, hi, centre, radius + 18)
        axes.append(Axis(id=link.id, x2=rim.x, y2=rim.y, label=label))
    rings = []
    for value in range(lo + 1, hi + 1):
        points = [geo.radar_point(i, count, value, lo, hi, centre, radius) for i in range(count)]
        rings.append(
            Ring(
                points=geo.points_attr(points),
                outer=value == hi,
                label=str(value),
                label_y=points[0].y + 13,
            )
        )

    lines = []
    cells: list[list[str]] = [[] for _link in links]
    desc_parties = []
    for party in parties:
        style = party.style
        party_points: list[geo.Point | None] = []
        for i, (link_result, row_cells) in enumerate(zip(result.links, cells, strict=True)):
            cell = link_result.parties[party.pk]
            if cell.withheld:
                party_points.append(None)
                row_cells.append(withheld_text(results.spec.thresholds.min_respondents))
            else:
                mean = cell.mean_rounded or 0
                party_points.append(geo.radar_point(i, count, mean, lo, hi, centre, radius))
                row_cells.append(fmt(mean))
        closed, runs = geo.radar_runs(party_points)
        lines.append(
            Line(
                party=party,
                closed=closed,
                runs=[geo.points_attr(run) for run in runs if len(run) > 1],
                markers=[geo.marker_path(style.marker, p) for p in party_points if p is not None],
                sample=geo.marker_path(style.marker, geo.Point(20, 8)),
                cross=style.marker == "cross",
            )
        )
        desc_parties.append(
            _("%(party)s: %(line)s") % {"party": party.name, "line": line_name(style)}
        )
    title = _("Scores per link and party")
    desc = " ".join(
        [
            _(
                "Radar chart with one axis per link, numbered as in the key; the centre is "
                "%(min)s, the outer ring %(max)s."
            )
            % {"min": lo, "max": hi},
            _("One line per party: %(lines)s.") % {"lines": "; ".join(desc_parties)},
            _("A break in a line means too few respondents."),
        ]
    )
    return RadarChart(
        frame=svg_frame("radar", width, centre.y + radius + 26 + geo.PAD, title, desc),
        centre=centre,
        lo=lo,
        axes=axes,
        rings=rings,
        lines=lines,
        parties=parties,
        key=[KeyItem(id=link.id, name=str(link.name)) for link in links],
        table_caption=title,
        table_rows=[
            TableRow(title=link_title(link), cells=row_cells)
            for link, row_cells in zip(links, cells, strict=True)
        ],
    )
