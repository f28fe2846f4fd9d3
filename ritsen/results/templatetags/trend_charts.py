"""A server-rendered SVG line chart of one link over the rounds (no JavaScript).

Usage, with ``trends`` a :class:`ritsen.results.trends.Trends`::

    {% load trend_charts %}
    {% trend_chart trends link.id %}

One line per party, told apart by colour *and* dash pattern and marker (the same look
as the radar chart); x is the rounds, oldest left, y the framework's scale with the
"weak" and "strong" thresholds. Under each round its name, date and the link's state
as an icon with text. A round where a party has too few respondents has no point, so
its line breaks there. A visually hidden table after the chart gives the same figures.
Colours are presentation attributes (strict CSP, and the same markup works in a PDF).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ritsen.results import charts as geo
from ritsen.results.scoring import LinkState
from ritsen.results.templatetags.charts import (
    _line_name,
    _state,
    _svg,
    fmt,
)
from ritsen.results.trends import Trends

register = template.Library()

FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, "
    "'DejaVu Sans', sans-serif"
)
WIDE = 480
AXIS_W = 30  # room for the scale's tick labels left of the plot
MARK_W = 92  # room for the threshold labels right of the plot
STEP_MIN = 116  # horizontal room per round
PLOT_H = 200
LABEL_SIZE, LABEL_LINE = 13, 16
BADGE_H, BADGE_SIZE = 22, 12


def _round_date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _badge_width(label: str) -> float:
    return 5 + 16 + 5 + geo.text_width(label, BADGE_SIZE, bold=True) + 8


@register.inclusion_tag("results/trends/_chart.html")
def trend_chart(trends: Trends, link_id: int) -> dict[str, Any]:
    """The trend of one link: a line per party over the rounds, state per round."""
    spec = trends.spec
    link_trend = trends.link(int(link_id))
    link = link_trend.link
    lo, hi = spec.scale_min, spec.scale_max
    rounds = trends.rounds
    count = max(1, len(rounds))
    withheld_text = _("too few respondents")
    not_in_round = _("not in this round")

    # None: the round's framework did not have this link.
    states = [_state(state) if state is not None else None for state in link_trend.states]
    widest_badge = max(
        (_badge_width(s["label"].capitalize()) for s in states if s is not None), default=0
    )
    step = max(STEP_MIN, widest_badge + 12)
    plot_left = geo.PAD + AXIS_W
    plot_w = step * count
    plot_top = geo.PAD + 12
    plot_bottom = plot_top + PLOT_H
    width = plot_left + plot_w + MARK_W + geo.PAD

    def y_of(value) -> float:
        return plot_top + PLOT_H - geo.scale_position(value, lo, hi, 0.0, PLOT_H)

    xs = [plot_left + step * (i + 0.5) for i in range(len(rounds))]

    ticks = [{"y": y_of(v), "label": str(v)} for v in range(lo, hi + 1)]
    marks = []
    for threshold, state, symbol in (
        (spec.thresholds.strong, LinkState.STRONG, "≥"),
        (spec.thresholds.weak, LinkState.WEAK, "<"),
    ):
        y = y_of(threshold)
        marks.append(
            {
                "y": y,
                "x": plot_left + plot_w + 6,
                "colour": geo.STATE_COLOURS[str(state)].ink,
                "lines": [str(state.label).capitalize(), f"{symbol} {fmt(threshold)}"],
            }
        )

    # Under the plot, per round: its name (two lines at most), date and the link's state.
    columns = []
    label_lines = 1
    for x, trend_round, state in zip(xs, rounds, states, strict=True):
        lines = geo.wrap_text(trend_round.label, step - 10, LABEL_SIZE, bold=True, max_lines=2)
        label_lines = max(label_lines, len(lines))
        label = state["label"].capitalize() if state else not_in_round
        columns.append(
            {
                "x": x,
                "lines": lines,
                "date": _round_date(trend_round.date),
                "state": state,
                "state_label": label,
                "badge_w": _badge_width(label) if state else 0,
            }
        )
    labels_top = plot_bottom + 8 + LABEL_SIZE
    date_y = labels_top + label_lines * LABEL_LINE
    badge_y = date_y + 8
    for column in columns:
        column["line_items"] = [
            {"text": text, "y": labels_top + i * LABEL_LINE}
            for i, text in enumerate(column["lines"])
        ]
        column["badge_x"] = column["x"] - column["badge_w"] / 2
    height = badge_y + BADGE_H + geo.PAD

    # The parties' lines.
    lines_out = []
    table_rows = [
        {
            "label": r.label,
            "date": _round_date(r.date),
            "cells": [],
            "state": s["label"] if s else not_in_round,
        }
        for r, s in zip(rounds, states, strict=True)
    ]
    desc_parties = []
    for index, series in enumerate(link_trend.series):
        style = geo.party_style(index)
        name = trends.name(series.party)
        points = []
        markers = []
        for i, (x, point) in enumerate(zip(xs, series.points, strict=True)):
            if point is None:
                points.append(None)
                asked = series.party in rounds[i].parties and link_trend.states[i] is not None
                table_rows[i]["cells"].append(withheld_text if asked else not_in_round)
                continue
            at = geo.Point(x, y_of(point.mean_rounded))
            points.append(at)
            value = fmt(point.mean_rounded)
            table_rows[i]["cells"].append(value)
            markers.append(
                {
                    "d": geo.marker_path(style.marker, at),
                    "round": i,
                    "title": f"{name}, {rounds[i].label}: {value}",
                }
            )
        runs, run = [], []
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
            {
                "party": series.party,
                "name": name,
                "style": style,
                "runs": [geo.points_attr(r) for r in runs],
                "markers": markers,
                "cross": style.marker == "cross",
                "sample": geo.marker_path(style.marker, geo.Point(20, 8)),
            }
        )
        desc_parties.append(_("%(party)s: %(line)s") % {"party": name, "line": _line_name(style)})

    title = _("Trend: %(link)s") % {"link": f"{link.id} {link.name}"}
    state_desc = "; ".join(f"{column['lines'][0]}: {column['state_label']}" for column in columns)
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
    return {
        **_svg("trend", width, height, title, desc),
        "plot_left": plot_left,
        "plot_right": plot_left + plot_w,
        "plot_top": plot_top,
        "plot_bottom": plot_bottom,
        "ticks": ticks,
        "marks": marks,
        "columns": columns,
        "date_y": date_y,
        "badge_y": badge_y,
        "badge_h": BADGE_H,
        "lines": lines_out,
        "table_caption": title,
        "table_rows": table_rows,
        "party_names": [line["name"] for line in lines_out],
        "withheld_text": withheld_text,
    }
