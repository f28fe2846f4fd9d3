"""The chart template tags: each calls its builder in :mod:`ritsen.results.charts`.

Usage, with ``results`` a :class:`ritsen.results.data.Results`::

    {% load charts %}
    {% zipper_chart results link_url_name="results:link" %}
    {% party_bars_chart results link.id %}
    {% gap_chart results link_url_name="results:link" %}
    {% radar_chart results %}
    {% chart_state_legend %}
    {% trend_chart trends link.id %}

``link_url_name`` turns every link into a link to its detail page: a URL name
(reversed with the collaboration, round and link ids), a path with ``{id}``, or a
function of the link id.

Each chart is an inline ``<svg>`` labelled by its ``<title>`` and ``<desc>``, followed
by a visually hidden table with the same figures. Every number is the engine's value
rounded half up to two places, written in the active language (``3,80`` in Dutch).
"""

from __future__ import annotations

from typing import Any

from django import template

from ritsen.results.charts import bars, gap, legend, radar, trend, zipper
from ritsen.results.charts.frame import LinkUrl
from ritsen.results.data import Results
from ritsen.results.trends import Trends

register = template.Library()


@register.filter
def coord(value: Any) -> str:
    """A coordinate for an SVG attribute: a dot decimal with at most one decimal place."""
    text = f"{float(value):.1f}"
    return "0" if text == "-0.0" else text.removesuffix(".0")


@register.filter
def plus(value: Any, arg: Any) -> float:
    """``value + arg`` for coordinates (Django's ``add`` drops the decimals of floats)."""
    return float(value) + float(arg)


@register.inclusion_tag("results/charts/state_legend.html")
def chart_state_legend(zipper: bool = False) -> dict[str, Any]:
    return legend.build(zipper).context()


@register.inclusion_tag("results/charts/zipper.html")
def zipper_chart(
    results: Results, link_url_name: LinkUrl = None, marks: Any = None
) -> dict[str, Any]:
    return zipper.build(results, link_url_name, marks).context()


@register.inclusion_tag("results/charts/party_bars.html")
def party_bars_chart(results: Results, link_id: int) -> dict[str, Any]:
    return bars.build(results, link_id).context()


@register.inclusion_tag("results/charts/gap.html")
def gap_chart(results: Results, link_url_name: LinkUrl = None) -> dict[str, Any]:
    return gap.build(results, link_url_name).context()


@register.inclusion_tag("results/charts/radar.html")
def radar_chart(results: Results) -> dict[str, Any]:
    return radar.build(results).context()


@register.inclusion_tag("results/trends/_chart.html")
def trend_chart(trends: Trends, link_id: int, legend: bool = True) -> dict[str, Any]:
    """``legend=False`` for small multiples that share one :func:`trend_legend`."""
    return {**trend.build(trends, link_id).context(), "show_legend": legend}


@register.inclusion_tag("results/trends/_legend.html")
def trend_legend(trends: Trends) -> dict[str, Any]:
    """The legend the small multiples share (the parties' lines are the same in each)."""
    first = trends.links[0].link.id if trends.links else None
    return trend.build(trends, first).context() if first is not None else {"lines": []}
