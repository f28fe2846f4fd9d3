"""Server-rendered SVG charts of round results (no JavaScript; the same markup in the PDF).

Usage, with ``results`` a :class:`ritsen.results.data.Results` (or anything with
the same ``round``, ``spec``, ``parties`` and ``result``)::

    {% load charts %}
    {% zipper_chart results link_url_name="results:link" %}
    {% party_bars_chart results link.id %}
    {% gap_chart results link_url_name="results:link" %}
    {% radar_chart results %}
    {% chart_state_legend %}

``link_url_name`` turns every link into a link to its detail page. It is one of:

* a URL name, reversed with ``[results.round.collaboration_id, results.round.pk, link_id]``;
* a path template containing ``{id}``, e.g. ``"/c/1/r/2/links/{id}/"``;
* a callable that takes the link id and returns the URL.

Each chart is an inline ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>``,
followed by a visually hidden table with the same figures. Colours are presentation
attributes (the CSP forbids inline styles, and a PDF has no stylesheet for them);
``charts.css`` adds sizing, focus and hover. Every number is the engine's value rounded
half up to two places, written in the active language (``3,80`` in Dutch).
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ritsen.results import charts as geo
from ritsen.results.scoring import LinkState

register = template.Library()

FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, "
    "'DejaVu Sans', sans-serif"
)
WIDE = 480  # wider charts scroll sideways on a phone instead of shrinking further
LEGEND_ORDER = (
    LinkState.STRONG,
    LinkState.ATTENTION,
    LinkState.MISALIGNED,
    LinkState.WEAK,
    LinkState.MISSING,
)
COLOURS = {
    "text": geo.TEXT,
    "muted": geo.TEXT_MUTED,
    "link": geo.LINK,
    "border": geo.BORDER,
    "border_strong": geo.BORDER_STRONG,
    "subtle": geo.SUBTLE,
}

_ids = itertools.count(1)


def _chart_id(kind: str) -> str:
    # Unique within the process, so several charts on one page keep their ids apart.
    return f"chart-{kind}-{next(_ids)}"


# --- filters and small helpers --------------------------------------------------------


@register.filter
def coord(value: Any) -> str:
    """A coordinate for an SVG attribute: a dot decimal with at most one decimal place."""
    text = f"{float(value):.1f}"
    return "0" if text == "-0.0" else text.removesuffix(".0")


@register.filter
def plus(value: Any, arg: Any) -> float:
    """``value + arg`` for coordinates (Django's ``add`` drops the decimals of floats)."""
    return float(value) + float(arg)


def fmt(value: Decimal | int | None) -> str:
    """A rounded value with two decimals in the active language, or a dash."""
    return "—" if value is None else number_format(value, decimal_pos=2)


def link_url_builder(results: Any, link_url: Any) -> Callable[[int], str] | None:
    """The function giving a link's detail URL (see the module docstring), or ``None``."""
    if not link_url:
        return None
    if callable(link_url):
        return link_url
    if "{id}" in link_url:
        return lambda link_id: link_url.replace("{id}", str(link_id))
    round_ = results.round
    return lambda link_id: reverse(link_url, args=[round_.collaboration_id, round_.pk, link_id])


def _state(state: Any) -> dict[str, Any]:
    key = str(state)
    return {
        "key": key,
        "label": str(state.label),
        "colours": geo.STATE_COLOURS.get(key) or geo.ZIPPER_COLOURS[key],
        "icon": geo.STATE_ICONS[key],
    }


def _parties(results: Any) -> list[dict[str, Any]]:
    return [
        {
            "pk": party.pk,
            "name": str(party.name),
            "letter": string.ascii_uppercase[i % 26],
            "style": geo.party_style(i),
        }
        for i, party in enumerate(results.parties)
    ]


def _link_title(link: Any) -> str:
    return f"{link.id} {link.name}"


def _withheld() -> str:
    return _("too few respondents")


def _lines(lines: list[str], x: float, first: float, step: float) -> list[dict[str, Any]]:
    return [{"text": line, "x": x, "y": first + step * i} for i, line in enumerate(lines)]


def _svg(
    kind: str, width: float, height: float, title: str, desc: str, interactive: bool = False
) -> dict[str, Any]:
    return {
        "id": _chart_id(kind),
        # An image may not contain links (WCAG: nested interactive); a chart whose
        # links lead to details is a labelled group instead.
        "role": "group" if interactive else "img",
        "font": FONT,
        "width": width,
        "height": height,
        "wide": width > WIDE,
        "title": title,
        "desc": desc,
        "colours": COLOURS,
    }


# --- legend ---------------------------------------------------------------------------


@register.inclusion_tag("results/charts/state_legend.html")
def chart_state_legend(zipper: bool = False) -> dict[str, Any]:
    """The five link states with icon and label.

    With ``zipper`` it also explains the empty tooth of a withheld score and the
    outline of the weakest link.
    """
    return {
        "states": [_state(state) for state in LEGEND_ORDER],
        "zipper": zipper,
        "withheld_text": _withheld(),
        "missing": geo.STATE_COLOURS["missing"],
        "colours": COLOURS,
    }


# --- the zipper -----------------------------------------------------------------------

NAME_SIZE, NAME_LINE = 15, 18
NOTE_SIZE, NOTE_LINE = 12.5, 16
BADGE_H, BADGE_SIZE = 22, 13
TAG_H, TAG_SIZE = 20, 12
GAP = 6
NUMBER_R = 11.5
NAME_X = 32  # the link name starts this far right of the label column
LABEL_WIDTH = 224


@register.inclusion_tag("results/charts/zipper.html")
def zipper_chart(results: Any, link_url_name: Any = None) -> dict[str, Any]:
    """The zipper: one row per link, one column of interlocking teeth per party.

    Each tooth shows the party's mean in the link's state colour; beside the teeth the
    link's number, name, state (icon and text) and, for the weakest link, a tag. A
    withheld score leaves an empty, dashed tooth and a line of text beside it.
    """
    spec, result = results.spec, results.result
    parties = _parties(results)
    url_for = link_url_builder(results, link_url_name)
    weakest_id = result.zipper.weakest_link
    zipper_state = _state(result.zipper.state)
    width = geo.zipper_layout([], len(parties), top=0, label_width=LABEL_WIDTH).width
    name_width = LABEL_WIDTH - NAME_X

    # Header: "Zipper [state]", a key of the parties, their letters over the columns.
    heading = _("Zipper")
    heading_w = geo.text_width(heading, 16, bold=True)
    badge_w = 8 + 16 + 6 + geo.text_width(zipper_state["label"], 14, bold=True) + 10
    width = max(width, geo.PAD + heading_w + 10 + badge_w + geo.PAD)
    key = []
    y = geo.PAD + 28 + 10
    for party in parties:
        lines = geo.wrap_text(party["name"], width - 2 * geo.PAD - 28, 14)
        key.append(
            {
                "party": party,
                "cx": geo.PAD + 10,
                "cy": y + 10,
                "lines": _lines(lines, geo.PAD + 28, y + 15, 18),
            }
        )
        y += max(22, len(lines) * 18 + 4)
    letters_cy = y + 8 + 10
    teeth_top = letters_cy + 10 + 12

    # Text beside each row: name, withheld notes, state badge, weakest-link tag.
    links = list(spec.links)
    blocks = []
    for link, link_result in zip(links, result.links, strict=True):
        name_lines = geo.wrap_text(str(link.name), name_width, NAME_SIZE, bold=True)
        notes = []
        for party in parties:
            if link_result.parties[party["pk"]].withheld:
                note = _("%(party)s: too few respondents") % {"party": party["name"]}
                notes += geo.wrap_text(note, name_width, NOTE_SIZE)
        height = len(name_lines) * NAME_LINE + len(notes) * NOTE_LINE + GAP + BADGE_H
        if link.id == weakest_id:
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
    weakest_link = None
    for link, link_result, (name_lines, notes, _height), row in zip(
        links, result.links, blocks, layout.rows, strict=True
    ):
        state = _state(link_result.state)
        colours = state["colours"]
        counts[link_result.state] += 1
        weakest = link.id == weakest_id
        if weakest:
            weakest_link = link
        teeth = []
        table_cells = []
        for party, tooth in zip(parties, row.teeth, strict=True):
            cell = link_result.parties[party["pk"]]
            if cell.withheld:
                teeth.append(
                    {
                        "tooth": tooth,
                        "withheld": True,
                        "fill": "#ffffff",
                        "stroke": geo.TEXT if weakest else geo.STATE_COLOURS["missing"].ink,
                        "text_colour": geo.STATE_COLOURS["missing"].ink,
                        "value": "—",
                    }
                )
                table_cells.append(_withheld())
            else:
                value = fmt(cell.mean_rounded)
                teeth.append(
                    {
                        "tooth": tooth,
                        "withheld": False,
                        "fill": colours.fill,
                        "stroke": geo.TEXT if weakest else colours.ink,
                        "text_colour": colours.text,
                        "value": value,
                    }
                )
                table_cells.append(value)
        top = row.label_top
        notes_top = top + len(name_lines) * NAME_LINE
        badge_y = notes_top + len(notes) * NOTE_LINE + GAP
        url = url_for(link.id) if url_for else None
        rows.append(
            {
                "id": link.id,
                "state": state,
                "weakest": weakest,
                "teeth": teeth,
                "url": url,
                "aria_label": _("%(link)s: %(state)s. Show the details.")
                % {"link": _link_title(link), "state": state["label"]},
                "number_cx": label_x + NUMBER_R,
                "number_cy": top + NAME_LINE / 2 + 0.5,
                "name_lines": _lines(name_lines, text_x, top + 14, NAME_LINE),
                "notes": _lines(notes, text_x, notes_top + 12.5, NOTE_LINE),
                "badge_y": badge_y,
                "badge_w": 5 + 16 + 6 + geo.text_width(state["label"], BADGE_SIZE, bold=True) + 9,
                "tag_y": badge_y + BADGE_H + GAP,
                "band_y": row.top + 1.5,
                "band_h": row.height - 3,
            }
        )
        table_rows.append(
            {
                "title": _link_title(link),
                "url": url,
                "cells": table_cells,
                "gap": fmt(link_result.gap_rounded),
                "state": state["label"],
                "weakest": weakest,
            }
        )

    summary = ", ".join(f"{state.label}: {count}" for state, count in counts.items() if count)
    desc = [
        _("Zipper state: %(state)s.") % {"state": zipper_state["label"]},
        _("Links per state: %(summary)s.") % {"summary": summary},
    ]
    if weakest_link is not None:
        desc.append(_("Weakest link: %(link)s.") % {"link": _link_title(weakest_link)})
    desc.append(_("The table below gives the figures per link and party."))
    weakest_text = _("weakest link")
    return {
        **_svg(
            "zipper",
            width,
            layout.height,
            _("The zipper: %(state)s") % {"state": zipper_state["label"]},
            " ".join(desc),
            interactive=url_for is not None,
        ),
        "heading": heading,
        "state": zipper_state,
        "badge_x": geo.PAD + heading_w + 10,
        "badge_w": badge_w,
        "key": key,
        "columns": [
            {"cx": col.cx, "cy": letters_cy, "party": party}
            for col, party in zip(layout.columns, parties, strict=True)
        ],
        "tapes": [
            {
                "x": x,
                "cx": x + w / 2,
                "y": layout.teeth_top - 6,
                "width": w,
                "height": layout.teeth_bottom - layout.teeth_top + 10,
                "bottom": layout.teeth_bottom + 4,
            }
            for x, w in layout.tapes
        ],
        "rows": rows,
        "band_w": width - 6,
        "label_x": label_x,
        "text_x": text_x,
        "parties": parties,
        "table_rows": table_rows,
        "weakest_text": weakest_text,
        "weakest_w": geo.text_width(weakest_text.capitalize(), TAG_SIZE, bold=True) + 18,
    }


# --- per link: one bar per party ------------------------------------------------------

BARS_WIDTH = 400
BAR_H = 20


def _threshold_label(x: float, lines: list[str], anchor: str, left: float, right: float):
    """Keep a threshold's label inside ``left .. right``, on its own side of the line."""
    w = max(geo.text_width(line, 12, bold=True) for line in lines)
    if anchor == "end":
        tx = geo.clamp(x - 5, left + w, right)
    else:
        tx = geo.clamp(x + 5, left, right - w)
    return {"tx": tx, "anchor": anchor, "lines": lines}


@register.inclusion_tag("results/charts/party_bars.html")
def party_bars_chart(results: Any, link_id: int) -> dict[str, Any]:
    """One link: a bar per party for its mean, a whisker for mean ± sd, the thresholds."""
    spec = results.spec
    link = spec.link(int(link_id))
    link_result = results.result.link(link.id)
    parties = _parties(results)
    lo, hi = spec.scale_min, spec.scale_max
    thresholds = spec.thresholds
    x0 = geo.PAD + 8
    value_w = 84
    length = BARS_WIDTH - x0 - value_w - 8
    value_x = x0 + length + 12
    weak, strong = LinkState.WEAK, LinkState.STRONG

    lines_y = geo.PAD + 12
    plot_top = lines_y + 26
    marks = []
    for threshold, state, symbol, anchor in (
        (thresholds.weak, weak, "<", "end"),
        (thresholds.strong, strong, "≥", "start"),
    ):
        x = geo.scale_position(threshold, lo, hi, x0, length)
        label = _threshold_label(
            x,
            [str(state.label).capitalize(), f"{symbol} {fmt(threshold)}"],
            anchor,
            geo.PAD,
            BARS_WIDTH - geo.PAD,
        )
        marks.append({"x": x, "colour": geo.STATE_COLOURS[str(state)].ink, **label, "y": lines_y})

    rows = []
    y = plot_top + 6
    means = []
    desc_parts = []
    for party in parties:
        cell = link_result.parties[party["pk"]]
        name_lines = geo.wrap_text(party["name"], BARS_WIDTH - x0 - 26 - geo.PAD, 14, bold=True)
        bar_y = y + len(name_lines) * 17 + 5
        row = {
            "party": party,
            "disc_cx": x0 + 8,
            "disc_cy": y + 7,
            "name_lines": _lines(name_lines, x0 + 22, y + 12, 17),
            # White under the name, so the threshold lines do not run through it.
            "mask_y": y - 2,
            "mask_w": 26 + max(geo.text_width(line, 14, bold=True) for line in name_lines),
            "mask_h": len(name_lines) * 17 + 2,
            "track_y": bar_y,
            "withheld": cell.withheld,
            "n_text": _("n = %(n)s") % {"n": cell.n},
            "value_x": value_x,
        }
        if cell.withheld:
            row["text"] = f"{_withheld()} ({row['n_text']})"
            row["text_y"] = bar_y + BAR_H / 2 + 4.5
            row["value"] = "—"
            desc_parts.append(f"{party['name']}: {row['text']}")
        else:
            sd = cell.sd
            shape = geo.bar(
                cell.mean_rounded, lo, hi, x=x0, y=bar_y, length=length, height=BAR_H, spread=sd
            )
            means.append(shape.end)
            row.update(bar=shape, value=fmt(cell.mean_rounded), sd=fmt(sd))
            desc_parts.append(f"{party['name']}: {row['value']} ({row['n_text']})")
        rows.append(row)
        y = bar_y + BAR_H + 14

    gap = None
    if link_result.gap_rounded is not None and len(means) > 1:
        left, right = min(means), max(means)
        text = _("Gap: %(gap)s") % {"gap": fmt(link_result.gap_rounded)}
        tw = geo.text_width(text, 13, bold=True)
        text_x = geo.clamp((left + right) / 2, x0 + tw / 2, BARS_WIDTH - geo.PAD - tw / 2)
        gap = {
            "x1": left,
            "x2": right,
            "y": y,
            "text": text,
            "text_x": text_x,
            "text_y": y + 19,
            "mask_x": text_x - tw / 2 - 3,  # white behind the label, over the bracket
            "mask_w": tw + 6,
        }
        y += 30
        desc_parts.append(text)
    plot_bottom = y - 6

    axis_y = y + 4
    ticks = [
        {"x": t.position, "label": str(t.value)} for t in geo.integer_ticks(lo, hi, x0, length)
    ]
    scale_names = []
    for value, anchor, x in ((lo, "start", x0 - 4), (hi, "end", x0 + length + 4)):
        label = spec.scale_labels.get(value)
        if label is not None:
            scale_names.append({"text": str(label), "anchor": anchor, "x": x})
    height = axis_y + 24 + (16 if scale_names else 0) + geo.PAD

    state = _state(link_result.state)
    title = _("Scores per party: %(link)s") % {"link": _link_title(link)}
    intro = _(
        "Mean per party on a scale from %(min)s to %(max)s; the whisker shows the spread "
        "(mean plus and minus the standard deviation)."
    ) % {"min": lo, "max": hi}
    state_text = _("State: %(state)s.") % {"state": state["label"]}
    return {
        **_svg(
            "bars",
            BARS_WIDTH,
            height,
            title,
            " ".join([intro, "; ".join(desc_parts) + ".", state_text]),
        ),
        "marks": marks,
        "plot_top": plot_top,
        "plot_bottom": plot_bottom,
        "x0": x0,
        "length": length,
        "rows": rows,
        "bar_h": BAR_H,
        "gap": gap,
        "axis_y": axis_y,
        "ticks": ticks,
        "scale_names": scale_names,
        "scale_names_y": axis_y + 36,
        "table_caption": title,
        "table_rows": [
            {
                "party": row["party"]["name"],
                "mean": row["text"] if row["withheld"] else row["value"],
                "sd": "—" if row["withheld"] else row["sd"],
                "n": link_result.parties[row["party"]["pk"]].n,
            }
            for row in rows
        ],
        "gap_text": fmt(link_result.gap_rounded),
        "state": state,
    }


# --- all links: the gap between the parties -------------------------------------------

GAP_WIDTH = 400
GAP_BAR_H = 14


@register.inclusion_tag("results/charts/gap.html")
def gap_chart(results: Any, link_url_name: Any = None) -> dict[str, Any]:
    """Per link the gap between the highest and lowest party mean, and the threshold.

    Each link's name sits above its bar, so long names need no room beside the bars.
    A link without a gap (a party has too few respondents) shows a dash.
    """
    spec, result = results.spec, results.result
    url_for = link_url_builder(results, link_url_name)
    span = spec.scale_max - spec.scale_min
    threshold = spec.thresholds.gap
    x0 = geo.PAD + 8
    length = GAP_WIDTH - x0 - 64
    value_x = x0 + length + 10
    over = geo.STATE_COLOURS["misaligned"]

    tx = geo.scale_position(threshold, 0, span, x0, length)
    # The label goes right of the line, unless it only fits on the left.
    lines = [_("Gap threshold"), f"≥ {fmt(threshold)}"]
    label_w = max(geo.text_width(line, 12, bold=True) for line in lines)
    anchor = "start" if tx + 5 + label_w <= GAP_WIDTH - geo.PAD else "end"
    mark = {
        "x": tx,
        "colour": over.ink,
        **_threshold_label(tx, lines, anchor, geo.PAD, GAP_WIDTH - geo.PAD),
    }
    lines_y = geo.PAD + 12
    plot_top = lines_y + 26

    rows = []
    y = plot_top + 4
    reaching, no_gap = [], []
    name_x = x0 + 24
    for link, link_result in zip(spec.links, result.links, strict=True):
        name_lines = geo.wrap_text(str(link.name), GAP_WIDTH - name_x - geo.PAD, 14)
        bar_y = y + len(name_lines) * 17 + 5
        gap = link_result.gap_rounded
        row = {
            "id": link.id,
            "url": url_for(link.id) if url_for else None,
            "number_x": x0,
            "name_lines": _lines(name_lines, name_x, y + 13, 17),
            "mask_w": max(geo.text_width(line, 14) for line in name_lines) + 6,
            "mask_y": y,
            "mask_h": len(name_lines) * 17 + 1,
            "number_y": y + 13,
            "track_y": bar_y,
            "middle": bar_y + GAP_BAR_H / 2,
            "value": fmt(gap),
            "value_x": value_x,
            "band_y": y - 3,
            "band_h": bar_y + GAP_BAR_H + 4 - (y - 3),
            "aria_label": _("%(link)s: gap %(gap)s. Show the details.")
            % {"link": _link_title(link), "gap": fmt(gap)},
        }
        if gap is None:
            no_gap.append(_link_title(link))
        else:
            shape = geo.bar(gap, 0, span, x=x0, y=bar_y, length=length, height=GAP_BAR_H)
            at_or_over = gap >= threshold
            if at_or_over:
                reaching.append(_link_title(link))
            row.update(bar=shape, fill=over.fill if at_or_over else geo.BORDER_STRONG)
        rows.append(row)
        y = bar_y + GAP_BAR_H + 12
    plot_bottom = y - 6
    axis_y = y
    ticks = [
        {"x": t.position, "label": str(t.value)} for t in geo.integer_ticks(0, span, x0, length)
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
    return {
        **_svg("gap", GAP_WIDTH, axis_y + 24 + geo.PAD, title, " ".join(desc), bool(url_for)),
        "mark": mark,
        "lines_y": lines_y,
        "plot_top": plot_top,
        "plot_bottom": plot_bottom,
        "x0": x0,
        "length": length,
        "bar_h": GAP_BAR_H,
        "rows": rows,
        "axis_y": axis_y,
        "ticks": ticks,
        "band_w": GAP_WIDTH - 4,
        "table_caption": title,
        "table_rows": [
            {
                "title": _link_title(link),
                "url": row["url"],
                "gap": row["value"],
                "state": str(link_result.state.label),
            }
            for link, link_result, row in zip(spec.links, result.links, rows, strict=True)
        ],
    }


# --- all links and parties: the radar -------------------------------------------------

RADAR_RADIUS = 150


@register.inclusion_tag("results/charts/radar.html")
def radar_chart(results: Any) -> dict[str, Any]:
    """A spider chart: one axis per link, one line per party (colour, dash and marker).

    The axes carry the link numbers and a key below names the links, which keeps the
    chart readable on a phone and for twenty links alike. A withheld score leaves a
    break in the party's line.
    """
    spec, result = results.spec, results.result
    parties = _parties(results)
    lo, hi = spec.scale_min, spec.scale_max
    links = list(spec.links)
    count = len(links)
    radius = RADAR_RADIUS
    width = 2 * (radius + 34)
    centre = geo.Point(width / 2, geo.PAD + 26 + radius)

    axes = []
    for i, link in enumerate(links):
        rim = geo.radar_point(i, count, hi, lo, hi, centre, radius)
        label = geo.radar_point(i, count, hi, lo, hi, centre, radius + 18)
        axes.append({"id": link.id, "x2": rim.x, "y2": rim.y, "label": label})
    rings = []
    for value in range(lo + 1, hi + 1):
        points = [geo.radar_point(i, count, value, lo, hi, centre, radius) for i in range(count)]
        rings.append(
            {
                "points": geo.points_attr(points),
                "outer": value == hi,
                "label": str(value),
                "label_y": points[0].y + 13,
            }
        )

    lines = []
    table_rows = [{"title": _link_title(link), "cells": []} for link in links]
    desc_parties = []
    for party in parties:
        style = party["style"]
        points: list[geo.Point | None] = []
        for i, (link_result, table_row) in enumerate(zip(result.links, table_rows, strict=True)):
            cell = link_result.parties[party["pk"]]
            if cell.withheld:
                points.append(None)
                table_row["cells"].append(_withheld())
            else:
                mean = cell.mean_rounded
                points.append(geo.radar_point(i, count, mean, lo, hi, centre, radius))
                table_row["cells"].append(fmt(mean))
        closed, runs = geo.radar_runs(points)
        lines.append(
            {
                "party": party,
                "closed": closed,
                "runs": [geo.points_attr(run) for run in runs if len(run) > 1],
                "markers": [geo.marker_path(style.marker, p) for p in points if p is not None],
                "sample": geo.marker_path(style.marker, geo.Point(20, 8)),
                "cross": style.marker == "cross",
            }
        )
        desc_parties.append(
            _("%(party)s: %(line)s") % {"party": party["name"], "line": _line_name(style)}
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
    return {
        **_svg("radar", width, centre.y + radius + 26 + geo.PAD, title, desc),
        "centre": centre,
        "lo": lo,
        "axes": axes,
        "rings": rings,
        "lines": lines,
        "parties": parties,
        "key": [{"id": link.id, "name": str(link.name)} for link in links],
        "table_caption": title,
        "table_rows": table_rows,
    }


def _line_name(style: geo.PartyStyle) -> str:
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
