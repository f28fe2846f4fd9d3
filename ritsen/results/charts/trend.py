"""One link over the rounds: a line per party, the link's state per round.

One line per party, told apart by colour *and* dash pattern and marker (the same look
as the radar chart); x is the rounds, oldest left, y the framework's scale with the
"weak" and "strong" thresholds. Under each round its name, date and the link's state
as an icon with text. A round where a party has too few respondents has no point, so
its line breaks there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ritsen.results.scoring import LinkState
from ritsen.results.trends import Trends

from . import geometry as geo
from .frame import Chart, StateView, fmt, line_name, state_view, svg_frame, withheld_text
from .palette import STATE_COLOURS, PartyStyle, party_style
from .text import text_width, wrap_text

AXIS_W = 30  # room for the scale's tick labels left of the plot
MARK_W = 92  # room for the threshold labels right of the plot
STEP_MIN = 116  # horizontal room per round
PLOT_H = 200
LABEL_SIZE, LABEL_LINE = 13, 16
BADGE_H, BADGE_SIZE = 22, 12


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Mark:
    y: float
    x: float
    colour: str
    lines: list[str]


@dataclass(frozen=True)
class LabelLine:
    text: str
    y: float


@dataclass(frozen=True)
class Column:
    x: float
    lines: list[str]
    line_items: list[LabelLine]
    date: str
    state: StateView | None
    state_label: str
    badge_w: float
    badge_x: float


@dataclass(frozen=True)
class Marker:
    d: str
    round: int
    title: str


@dataclass(frozen=True)
class Line:
    party: object
    name: str
    style: PartyStyle
    runs: list[str]
    markers: list[Marker]
    cross: bool
    sample: str


@dataclass(frozen=True)
class TableRow:
    label: str
    date: str
    cells: list[str]
    state: str


@dataclass(frozen=True)
class TrendChart(Chart):
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    ticks: list[Tick]
    marks: list[Mark]
    columns: list[Column]
    date_y: float
    badge_y: float
    badge_h: float
    lines: list[Line]
    table_caption: str
    table_rows: list[TableRow]
    party_names: list[str]
    withheld_text: str


def round_date(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


def _badge_width(label: str) -> float:
    return 5 + 16 + 5 + text_width(label, BADGE_SIZE, bold=True) + 8


def build(trends: Trends, link_id: int) -> TrendChart:
    spec = trends.spec
    link_trend = trends.link(int(link_id))
    link = link_trend.link
    lo, hi = spec.scale_min, spec.scale_max
    rounds = trends.rounds
    count = max(1, len(rounds))
    not_in_round = _("not in this round")

    # None: the round's framework did not have this link.
    states = [state_view(state) if state is not None else None for state in link_trend.states]
    widest_badge = max(
        (_badge_width(s.label.capitalize()) for s in states if s is not None), default=0
    )
    step = max(STEP_MIN, widest_badge + 12)
    plot_left = geo.PAD + AXIS_W
    plot_w = step * count
    plot_top = geo.PAD + 12
    plot_bottom = plot_top + PLOT_H
    width = plot_left + plot_w + MARK_W + geo.PAD

    def y_of(value: object) -> float:
        return plot_top + PLOT_H - geo.scale_position(value, lo, hi, 0.0, PLOT_H)  # type: ignore[arg-type]

    xs = [plot_left + step * (i + 0.5) for i in range(len(rounds))]
    ticks = [Tick(y=y_of(v), label=str(v)) for v in range(lo, hi + 1)]
    marks = [
        Mark(
            y=y_of(threshold),
            x=plot_left + plot_w + 6,
            colour=STATE_COLOURS[str(state)].ink,
            lines=[str(state.label).capitalize(), f"{symbol} {fmt(threshold)}"],
        )
        for threshold, state, symbol in (
            (spec.thresholds.strong, LinkState.STRONG, "≥"),
            (spec.thresholds.weak, LinkState.WEAK, "<"),
        )
    ]

    # Under the plot, per round: its name (two lines at most), date and the link's state.
    wrapped = [
        wrap_text(trend_round.label, step - 10, LABEL_SIZE, bold=True, max_lines=2)
        for trend_round in rounds
    ]
    label_lines = max([1, *(len(lines) for lines in wrapped)])
    labels_top = plot_bottom + 8 + LABEL_SIZE
    date_y = labels_top + label_lines * LABEL_LINE
    badge_y = date_y + 8
    columns = []
    for x, trend_round, state, lines in zip(xs, rounds, states, wrapped, strict=True):
        label = state.label.capitalize() if state else not_in_round
        badge_w = _badge_width(label) if state else 0
        columns.append(
            Column(
                x=x,
                lines=lines,
                line_items=[
                    LabelLine(text=text, y=labels_top + i * LABEL_LINE)
                    for i, text in enumerate(lines)
                ],
                date=round_date(trend_round.date),
                state=state,
                state_label=label,
                badge_w=badge_w,
                badge_x=x - badge_w / 2,
            )
        )
    height = badge_y + BADGE_H + geo.PAD

    # The parties' lines.
    cells: list[list[str]] = [[] for _round in rounds]
    lines_out = []
    desc_parties = []
    threshold = trends.spec.thresholds.min_respondents
    for index, series in enumerate(link_trend.series):
        style = party_style(index)
        name = trends.name(series.party)
        points: list[geo.Point | None] = []
        markers = []
        for i, (x, point) in enumerate(zip(xs, series.points, strict=True)):
            if point is None:
                points.append(None)
                asked = series.party in rounds[i].parties and link_trend.states[i] is not None
                cells[i].append(withheld_text(threshold) if asked else not_in_round)
                continue
            at = geo.Point(x, y_of(point.mean_rounded))
            points.append(at)
            value = fmt(point.mean_rounded)
            cells[i].append(value)
            markers.append(
                Marker(
                    d=geo.marker_path(style.marker, at),
                    round=i,
                    title=f"{name}, {rounds[i].label}: {value}",
                )
            )
        runs: list[list[geo.Point]] = []
        run: list[geo.Point] = []
        for p in points:
            if p is None:
                if len(run) > 1:
                    runs.append(run)
                run = []
            else:
                run.append(p)
        if len(run) > 1:
            runs.append(run)
        lines_out.append(
            Line(
                party=series.party,
                name=name,
                style=style,
                runs=[geo.points_attr(r) for r in runs],
                markers=markers,
                cross=style.marker == "cross",
                sample=geo.marker_path(style.marker, geo.Point(20, 8)),
            )
        )
        desc_parties.append(_("%(party)s: %(line)s") % {"party": name, "line": line_name(style)})

    title = _("Trend: %(link)s") % {"link": f"{link.id} {link.name}"}
    state_desc = "; ".join(f"{column.lines[0]}: {column.state_label}" for column in columns)
    desc = " ".join(
        [
            _(
                "Line chart of the mean per party over %(count)s rounds, oldest first, on a "
                "scale from %(min)s to %(max)s."
            )
            % {"count": len(rounds), "min": lo, "max": hi},
            _("One line per party: %(lines)s.") % {"lines": "; ".join(desc_parties)},
            _("A break in a line means too few respondents."),
            _("State per round: %(states)s.") % {"states": state_desc},
            _("The table below gives the figures."),
        ]
    )
    return TrendChart(
        frame=svg_frame("trend", width, height, title, desc),
        plot_left=plot_left,
        plot_right=plot_left + plot_w,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        ticks=ticks,
        marks=marks,
        columns=columns,
        date_y=date_y,
        badge_y=badge_y,
        badge_h=BADGE_H,
        lines=lines_out,
        table_caption=title,
        table_rows=[
            TableRow(
                label=r.label,
                date=round_date(r.date),
                cells=row_cells,
                state=s.label if s else not_in_round,
            )
            for r, s, row_cells in zip(rounds, states, cells, strict=True)
        ],
        party_names=[line.name for line in lines_out],
        withheld_text=withheld_text(),
    )
