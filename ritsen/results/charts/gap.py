"""All links: the gap between the highest and the lowest party mean, and the threshold."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ritsen.results.data import Results

from . import geometry as geo
from .bars import Mark, TickView
from .frame import (
    Chart,
    LinkUrl,
    TextLine,
    fmt,
    link_title,
    link_url_builder,
    svg_frame,
    text_lines,
    threshold_label,
)
from .palette import BORDER_STRONG, STATE_COLOURS
from .text import text_width, wrap_text

WIDTH = 400
BAR_H = 14


@dataclass(frozen=True)
class GapRow:
    id: int
    url: str | None
    number_x: float
    name_lines: list[TextLine]
    mask_w: float
    mask_y: float
    mask_h: float
    number_y: float
    track_y: float
    middle: float
    value: str
    value_x: float
    band_y: float
    band_h: float
    aria_label: str
    bar: geo.Bar | None = None
    fill: str = ""


@dataclass(frozen=True)
class TableRow:
    title: str
    url: str | None
    gap: str
    state: str


@dataclass(frozen=True)
class GapChart(Chart):
    mark: Mark
    lines_y: float
    plot_top: float
    plot_bottom: float
    x0: float
    length: float
    bar_h: float
    rows: list[GapRow]
    axis_y: float
    ticks: list[TickView]
    band_w: float
    table_caption: str
    table_rows: list[TableRow]


def build(results: Results, link_url: LinkUrl = None) -> GapChart:
    """Each link's name sits above its bar, so long names need no room beside the bars.
    A link without a gap (a party has too few respondents) shows a dash."""
    spec, result = results.spec, results.result
    url_for = link_url_builder(results, link_url)
    span = spec.scale_max - spec.scale_min
    threshold = spec.thresholds.gap
    x0 = geo.PAD + 8
    length = WIDTH - x0 - 64
    value_x = x0 + length + 10
    over = STATE_COLOURS["misaligned"]

    tx = geo.scale_position(threshold, 0, span, x0, length)
    # The label goes right of the line, unless it only fits on the left.
    lines = [_("Gap threshold"), f"≥ {fmt(threshold)}"]
    label_w = max(text_width(line, 12, bold=True) for line in lines)
    anchor = "start" if tx + 5 + label_w <= WIDTH - geo.PAD else "end"
    lines_y = geo.PAD + 12
    mark = Mark(
        x=tx,
        colour=over.ink,
        label=threshold_label(tx, lines, anchor, geo.PAD, WIDTH - geo.PAD),
        y=lines_y,
    )
    plot_top = lines_y + 26

    rows = []
    y = plot_top + 4
    reaching, no_gap = [], []
    name_x = x0 + 24
    for link, link_result in zip(spec.links, result.links, strict=True):
        name_lines = wrap_text(str(link.name), WIDTH - name_x - geo.PAD, 14)
        bar_y = y + len(name_lines) * 17 + 5
        gap = link_result.gap_rounded
        extra: dict = {}
        if gap is None:
            no_gap.append(link_title(link))
        else:
            shape = geo.bar(gap, 0, span, x=x0, y=bar_y, length=length, height=BAR_H)
            at_or_over = gap >= threshold
            if at_or_over:
                reaching.append(link_title(link))
            extra = {"bar": shape, "fill": over.fill if at_or_over else BORDER_STRONG}
        rows.append(
            GapRow(
                id=link.id,
                url=url_for(link.id) if url_for else None,
                number_x=x0,
                name_lines=text_lines(name_lines, name_x, y + 13, 17),
                mask_w=max(text_width(line, 14) for line in name_lines) + 6,
                mask_y=y,
                mask_h=len(name_lines) * 17 + 1,
                number_y=y + 13,
                track_y=bar_y,
                middle=bar_y + BAR_H / 2,
                value=fmt(gap),
                value_x=value_x,
                band_y=y - 3,
                band_h=bar_y + BAR_H + 4 - (y - 3),
                aria_label=_("%(link)s: gap %(gap)s. Show the details.")
                % {"link": link_title(link), "gap": fmt(gap)},
                **extra,
            )
        )
        y = bar_y + BAR_H + 12
    plot_bottom = y - 6
    axis_y = y
    ticks = [
        TickView(x=t.position, label=str(t.value)) for t in geo.integer_ticks(0, span, x0, length)
    ]

    desc = [
        _(
            "The gap is the highest party mean minus the lowest, from 0 to %(span)s; "
            "the threshold is %(threshold)s."
        )
        % {"span": span, "threshold": fmt(threshold)}
    ]
    if reaching:
        desc.append(_("At or above the threshold: %(links)s.") % {"links": ", ".join(reaching)})
    else:
        desc.append(_("No link reaches the threshold."))
    if no_gap:
        desc.append(
            _("No gap because a party has too few respondents: %(links)s.")
            % {"links": ", ".join(no_gap)}
        )
    title = _("Gap between the parties per link")
    return GapChart(
        frame=svg_frame("gap", WIDTH, axis_y + 24 + geo.PAD, title, " ".join(desc), bool(url_for)),
        mark=mark,
        lines_y=lines_y,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        x0=x0,
        length=length,
        bar_h=BAR_H,
        rows=rows,
        axis_y=axis_y,
        ticks=ticks,
        band_w=WIDTH - 4,
        table_caption=title,
        table_rows=[
            TableRow(
                title=link_title(link),
                url=row.url,
                gap=row.value,
                state=str(link_result.state.label),
            )
            for link, link_result, row in zip(spec.links, result.links, rows, strict=True)
        ],
    )
