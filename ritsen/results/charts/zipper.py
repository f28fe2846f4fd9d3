"""The zipper: one row per link, one column of interlocking teeth per party."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from ritsen.results.data import Results
from ritsen.results.scoring import score_band

from . import geometry as geo
from .frame import (
    LEGEND_ORDER,
    Chart,
    LinkUrl,
    PartyView,
    StateView,
    TextLine,
    fmt,
    link_title,
    link_url_builder,
    party_views,
    state_view,
    svg_frame,
    text_lines,
    withheld_text,
)
from .palette import STATE_COLOURS, TEXT
from .text import text_width, wrap_text

NAME_SIZE, NAME_LINE = 15, 18
NOTE_SIZE, NOTE_LINE = 12.5, 16
BADGE_H, BADGE_SIZE = 22, 13
TAG_H, TAG_SIZE = 20, 12
GAP = 6
NUMBER_R = 11.5
NAME_X = 32  # the link name starts this far right of the label column
LABEL_WIDTH = 224


@dataclass(frozen=True)
class KeyItem:
    party: PartyView
    cx: float
    cy: float
    lines: list[TextLine]


@dataclass(frozen=True)
class ColumnHead:
    cx: float
    cy: float
    party: PartyView


@dataclass(frozen=True)
class Tape:
    x: float
    cx: float
    y: float
    width: float
    height: float
    bottom: float


@dataclass(frozen=True)
class ToothView:
    tooth: geo.Tooth
    withheld: bool
    fill: str
    stroke: str
    text_colour: str
    value: str


@dataclass(frozen=True)
class MarkView:
    """A second mark beside a link (how complete its register is)."""

    text: str
    y: float
    w: float
    fill: str
    ink: str


@dataclass(frozen=True)
class Row:
    id: int
    state: StateView
    weakest: bool
    teeth: list[ToothView]
    url: str | None
    aria_label: str
    number_cx: float
    number_cy: float
    name_lines: list[TextLine]
    notes: list[TextLine]
    badge_y: float
    badge_w: float
    tag_y: float
    band_y: float
    band_h: float
    mark: MarkView | None = None


@dataclass(frozen=True)
class TableRow:
    title: str
    url: str | None
    cells: list[str]
    gap: str
    state: str
    weakest: bool
    mark: str = ""


@dataclass(frozen=True)
class ZipperChart(Chart):
    heading: str
    state: StateView
    badge_x: float
    badge_w: float
    key: list[KeyItem]
    columns: list[ColumnHead]
    tapes: list[Tape]
    rows: list[Row]
    band_w: float
    label_x: float
    text_x: float
    parties: list[PartyView]
    table_rows: list[TableRow]
    weakest_text: str
    weakest_w: float
    mark_label: str = ""


def build(
    results: Results, link_url: LinkUrl = None, marks: tuple[str, Mapping[str, Any]] | None = None
) -> ZipperChart:
    """Each tooth shows the party's mean in the colour of its own band (strong, attention,
    weak), the link's state is the badge beside it; beside the teeth the
    link's number, name, state (icon and text) and, for the weakest link, a tag. A
    withheld score leaves an empty, dashed tooth and a line of text beside it. ``marks``
    (a heading and, per link key, a :class:`~ritsen.results.marks.ChartMark`) adds a
    second mark under each link's state — "strong scores, empty register" at a glance."""
    mark_label, mark_of = marks if marks is not None else ("", {})
    spec, result = results.spec, results.result
    parties = party_views(results)
    url_for = link_url_builder(results, link_url)
    weakest_id = result.zipper.weakest_link
    zipper_state = state_view(result.zipper.state)
    width = geo.zipper_layout([], len(parties), top=0, label_width=LABEL_WIDTH).width
    name_width = LABEL_WIDTH - NAME_X

    # Header: "Zipper [state]", a key of the parties, their letters over the columns.
    heading = _("Zipper")
    heading_w = text_width(heading, 16, bold=True)
    badge_w = 8 + 16 + 6 + text_width(zipper_state.label, 14, bold=True) + 10
    width = max(width, geo.PAD + heading_w + 10 + badge_w + geo.PAD)
    key = []
    y = geo.PAD + 28 + 10
    for party in parties:
        lines = wrap_text(party.name, width - 2 * geo.PAD - 28, 14)
        key.append(
            KeyItem(
                party=party,
                cx=geo.PAD + 10,
                cy=y + 10,
                lines=text_lines(lines, geo.PAD + 28, y + 15, 18),
            )
        )
        y += max(22, len(lines) * 18 + 4)
    letters_cy = y + 8 + 10
    teeth_top = letters_cy + 10 + 12

    # Text beside each row: name, withheld notes, state badge, weakest-link tag.
    links = list(spec.links)
    blocks = []
    for link, link_result in zip(links, result.links, strict=True):
        name_lines = wrap_text(str(link.name), name_width, NAME_SIZE, bold=True)
        notes = []
        for party in parties:
            if link_result.parties[party.pk].withheld:
                note = f"{party.name}: {withheld_text(spec.thresholds.min_respondents)}"
                notes += wrap_text(note, name_width, NOTE_SIZE)
        height = len(name_lines) * NAME_LINE + len(notes) * NOTE_LINE + GAP + BADGE_H
        if link.id == weakest_id:
            height += GAP + TAG_H
        if link.key in mark_of:
            height += GAP + TAG_H
        blocks.append((name_lines, notes, height))
    layout = geo.zipper_layout(
        [height for *_rest, height in blocks], len(parties), top=teeth_top, label_width=LABEL_WIDTH
    )
    width = max(width, layout.width)
    label_x = layout.label_x
    text_x = label_x + NAME_X

    rows = []
    table_rows = []
    counts = dict.fromkeys(LEGEND_ORDER, 0)
    strong, weak = Fraction(spec.thresholds.strong), Fraction(spec.thresholds.weak)
    weakest_link = None
    missing = STATE_COLOURS["missing"]
    for link, link_result, (name_lines, notes, _height), row in zip(
        links, result.links, blocks, layout.rows, strict=True
    ):
        state = state_view(link_result.state)
        counts[link_result.state] += 1
        weakest = link.id == weakest_id
        if weakest:
            weakest_link = link
        teeth = []
        table_cells = []
        for party, tooth in zip(parties, row.teeth, strict=True):
            cell = link_result.parties[party.pk]
            if cell.withheld:
                teeth.append(
                    ToothView(
                        tooth=tooth,
                        withheld=True,
                        fill="#ffffff",
                        stroke=TEXT if weakest else missing.ink,
                        text_colour=missing.ink,
                        value="—",
                    )
                )
                table_cells.append(withheld_text(spec.thresholds.min_respondents))
            else:
                value = fmt(cell.mean_rounded)
                # The tooth shows this party's own band; the link's state is its label.
                own = state_view(score_band(cell.mean, strong, weak)).colours
                teeth.append(
                    ToothView(
                        tooth=tooth,
                        withheld=False,
                        fill=own.fill,
                        stroke=TEXT if weakest else own.ink,
                        text_colour=own.text,
                        value=value,
                    )
                )
                table_cells.append(value)
        top = row.label_top
        notes_top = top + len(name_lines) * NAME_LINE
        badge_y = notes_top + len(notes) * NOTE_LINE + GAP
        url = url_for(link.id) if url_for else None
        tag_y = badge_y + BADGE_H + GAP
        mark = None
        if link.key in mark_of:
            chart_mark = mark_of[link.key]
            colours = STATE_COLOURS[chart_mark.level]
            mark = MarkView(
                text=chart_mark.text,
                y=tag_y + (TAG_H + GAP if weakest else 0),
                w=text_width(chart_mark.text, TAG_SIZE, bold=True) + 18,
                fill=colours.tint,
                ink=colours.ink,
            )
        rows.append(
            Row(
                id=link.id,
                state=state,
                weakest=weakest,
                teeth=teeth,
                url=url,
                aria_label=_("%(link)s: %(state)s. Show the details.")
                % {"link": link_title(link), "state": state.label},
                number_cx=label_x + NUMBER_R,
                number_cy=top + NAME_LINE / 2 + 0.5,
                name_lines=text_lines(name_lines, text_x, top + 14, NAME_LINE),
                notes=text_lines(notes, text_x, notes_top + 12.5, NOTE_LINE),
                badge_y=badge_y,
                badge_w=5 + 16 + 6 + text_width(state.label, BADGE_SIZE, bold=True) + 9,
                tag_y=tag_y,
                band_y=row.top + 1.5,
                band_h=row.height - 3,
                mark=mark,
            )
        )
        table_rows.append(
            TableRow(
                title=link_title(link),
                url=url,
                cells=table_cells,
                gap=fmt(link_result.gap_rounded),
                state=state.label,
                weakest=weakest,
                mark=mark.text if mark else "",
            )
        )

    # The second marks may be wider than the link names: widen the picture for them.
    marked = [row.mark.w for row in rows if row.mark is not None]
    if marked:
        width = max(width, text_x + max(marked) + geo.PAD)
    summary = ", ".join(f"{state.label}: {count}" for state, count in counts.items() if count)
    desc = [
        _("Zipper state: %(state)s.") % {"state": zipper_state.label},
        _("Links per state: %(summary)s.") % {"summary": summary},
    ]
    if weakest_link is not None:
        desc.append(_("Weakest link: %(link)s.") % {"link": link_title(weakest_link)})
    desc.append(_("The table below gives the figures per link and party."))
    weakest_text = _("weakest link")
    return ZipperChart(
        frame=svg_frame(
            "zipper",
            width,
            layout.height,
            _("The zipper: %(state)s") % {"state": zipper_state.label},
            " ".join(desc),
            interactive=url_for is not None,
        ),
        heading=heading,
        state=zipper_state,
        badge_x=geo.PAD + heading_w + 10,
        badge_w=badge_w,
        key=key,
        columns=[
            ColumnHead(cx=col.cx, cy=letters_cy, party=party)
            for col, party in zip(layout.columns, parties, strict=True)
        ],
        tapes=[
            Tape(
                x=x,
                cx=x + w / 2,
                y=layout.teeth_top - 6,
                width=w,
                height=layout.teeth_bottom - layout.teeth_top + 10,
                bottom=layout.teeth_bottom + 4,
            )
            for x, w in layout.tapes
        ],
        rows=rows,
        band_w=width - 6,
        label_x=label_x,
        text_x=text_x,
        parties=parties,
        table_rows=table_rows,
        weakest_text=weakest_text,
        weakest_w=text_width(weakest_text.capitalize(), TAG_SIZE, bold=True) + 18,
        mark_label=mark_label if mark_of else "",
    )
