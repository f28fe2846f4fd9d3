"""One link: a bar per party for its mean, a whisker for mean ± sd, the thresholds."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from ritsen.results.data import Results
from ritsen.results.scoring import LinkState

from . import geometry as geo
from .frame import (
    Chart,
    PartyView,
    StateView,
    TextLine,
    ThresholdLabel,
    fmt,
    link_title,
    party_views,
    state_view,
    svg_frame,
    text_lines,
    threshold_label,
    withheld_text,
)
from .palette import STATE_COLOURS
from .text import text_width, wrap_text

WIDTH = 400
BAR_H = 20


@dataclass(frozen=True)
class Mark:
    x: float
    colour: str
    label: ThresholdLabel
    y: float

    @property
    def tx(self) -> float:
        return self.label.tx

    @property
    def anchor(self) -> str:
        return self.label.anchor

    @property
    def lines(self) -> list[str]:
        return self.label.lines


@dataclass(frozen=True)
class BarRow:
    party: PartyView
    disc_cx: float
    disc_cy: float
    name_lines: list[TextLine]
    mask_y: float  # white under the name, so the threshold lines do not run through it
    mask_w: float
    mask_h: float
    track_y: float
    withheld: bool
    n_text: str
    value_x: float
    value: str
    bar: geo.Bar | None = None
    sd: str = "—"
    text: str = ""
    text_y: float = 0


@dataclass(frozen=True)
class GapBracket:
    x1: float
    x2: float
    y: float
    text: str
    text_x: float
    text_y: float
    mask_x: float  # white behind the label, over the bracket
    mask_w: float


@dataclass(frozen=True)
class TickView:
    x: float
    label: str


@dataclass(frozen=True)
class ScaleName:
    text: str
    anchor: str
    x: float


@dataclass(frozen=True)
class TableRow:
    party: str
    mean: str
    sd: str
    n: str


@dataclass(frozen=True)
class PartyBarsChart(Chart):
    marks: list[Mark]
    plot_top: float
    plot_bottom: float
    x0: float
    length: float
    rows: list[BarRow]
    bar_h: float
    gap: GapBracket | None
    axis_y: float
    ticks: list[TickView]
    scale_names: list[ScaleName]
    scale_names_y: float
    table_caption: str
    table_rows: list[TableRow]
    gap_text: str
    state: StateView


def build(results: Results, link_id: int) -> PartyBarsChart:
    spec = results.spec
    link = spec.link(int(link_id))
    link_result = results.result.link(link.id)
    parties = party_views(results)
    lo, hi = spec.scale_min, spec.scale_max
    thresholds = spec.thresholds
    x0 = geo.PAD + 8
    value_w = 84
    length = WIDTH - x0 - value_w - 8
    value_x = x0 + length + 12

    lines_y = geo.PAD + 12
    plot_top = lines_y + 26
    marks = []
    for threshold, state, symbol, anchor in (
        (thresholds.weak, LinkState.WEAK, "<", "end"),
        (thresholds.strong, LinkState.STRONG, "≥", "start"),
    ):
        x = geo.scale_position(threshold, lo, hi, x0, length)
        label = threshold_label(
            x,
            [str(state.label).capitalize(), f"{symbol} {fmt(threshold)}"],
            anchor,
            geo.PAD,
            WIDTH - geo.PAD,
        )
        marks.append(Mark(x=x, colour=STATE_COLOURS[str(state)].ink, label=label, y=lines_y))

    rows = []
    y = plot_top + 6
    means = []
    desc_parts = []
    for party in parties:
        cell = link_result.parties[party.pk]
        name_lines = wrap_text(party.name, WIDTH - x0 - 26 - geo.PAD, 14, bold=True)
        bar_y = y + len(name_lines) * 17 + 5
        n_text = "" if cell.withheld else _("n = %(n)s") % {"n": cell.n}
        row = BarRow(
            party=party,
            disc_cx=x0 + 8,
            disc_cy=y + 7,
            name_lines=text_lines(name_lines, x0 + 22, y + 12, 17),
            mask_y=y - 2,
            mask_w=26 + max(text_width(line, 14, bold=True) for line in name_lines),
            mask_h=len(name_lines) * 17 + 2,
            track_y=bar_y,
            withheld=cell.withheld,
            n_text=n_text,
            value_x=value_x,
            value="—",
        )
        if cell.withheld or cell.mean_rounded is None:
            text = withheld_text(results.spec.thresholds.min_respondents)
            row = replace(row, text=text, text_y=bar_y + BAR_H / 2 + 4.5)
            desc_parts.append(f"{party.name}: {text}")
        else:
            sd = cell.sd
            shape = geo.bar(
                cell.mean_rounded, lo, hi, x=x0, y=bar_y, length=length, height=BAR_H, spread=sd
            )
            means.append(shape.end)
            row = replace(row, value=fmt(cell.mean_rounded), bar=shape, sd=fmt(sd))
            desc_parts.append(f"{party.name}: {row.value} ({n_text})")
        rows.append(row)
        y = bar_y + BAR_H + 14

    gap = None
    if link_result.gap_rounded is not None and len(means) > 1:
        left, right = min(means), max(means)
        text = _("Gap: %(gap)s") % {"gap": fmt(link_result.gap_rounded)}
        tw = text_width(text, 13, bold=True)
        text_x = geo.clamp((left + right) / 2, x0 + tw / 2, WIDTH - geo.PAD - tw / 2)
        gap = GapBracket(
            x1=left,
            x2=right,
            y=y,
            text=text,
            text_x=text_x,
            text_y=y + 19,
            mask_x=text_x - tw / 2 - 3,
            mask_w=tw + 6,
        )
        y += 30
        desc_parts.append(text)
    plot_bottom = y - 6

    axis_y = y + 4
    ticks = [
        TickView(x=t.position, label=str(t.value)) for t in geo.integer_ticks(lo, hi, x0, length)
    ]
    scale_names = []
    for value, anchor, x in ((lo, "start", x0 - 4), (hi, "end", x0 + length + 4)):
        scale_label = spec.scale_labels.get(value)
        if scale_label is not None:
            scale_names.append(ScaleName(text=str(scale_label), anchor=anchor, x=x))
    height = axis_y + 24 + (16 if scale_names else 0) + geo.PAD

    link_state = state_view(link_result.state)
    title = _("Scores per party: %(link)s") % {"link": link_title(link)}
    intro = _(
        "Mean per party on a scale from %(min)s to %(max)s; the whisker shows the spread "
        "(mean plus and minus the standard deviation)."
    ) % {"min": lo, "max": hi}
    state_text = _("State: %(state)s.") % {"state": link_state.label}
    return PartyBarsChart(
        frame=svg_frame(
            "bars", WIDTH, height, title, " ".join([intro, "; ".join(desc_parts) + ".", state_text])
        ),
        marks=marks,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        x0=x0,
        length=length,
        rows=rows,
        bar_h=BAR_H,
        gap=gap,
        axis_y=axis_y,
        ticks=ticks,
        scale_names=scale_names,
        scale_names_y=axis_y + 36,
        table_caption=title,
        table_rows=[
            TableRow(
                party=row.party.name,
                mean=row.text if row.withheld else row.value,
                sd="—" if row.withheld else row.sd,
                n="—" if row.withheld else str(link_result.parties[row.party.pk].n),
            )
            for row in rows
        ],
        gap_text=fmt(link_result.gap_rounded),
        state=link_state,
    )
