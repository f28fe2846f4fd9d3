"""The ``{% trend_chart %}`` tag: well-formed, accessible SVG with the same figures."""

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

from django.template import Context, Template
from django.utils import translation

from ritsen.results.scoring import score
from ritsen.results.trends import compute_trends
from tests.charts.test_tags import SVG, assert_accessible_svg, assert_csp_safe, main_svg, text_of
from tests.trends.test_trends import SPEC, result


def render(trends, link_id, lang="en"):
    with translation.override(lang):
        template = Template("{% load charts %}{% trend_chart trends link_id %}")
        return template.render(Context({"trends": trends, "link_id": link_id}))


def three_rounds():
    first = result([[4, 4], [3, 3]], [[2, 2], [3, 3]])
    second = result([[4, 4], [3, 3]], [[5, None], [3, 3]])  # B: one respondent on link 1
    third = result([[5, 5], [3, 3]], [[4, 4], [3, 3]])
    return compute_trends(
        [
            ("Nulmeting", date(2025, 1, 31), first, "AB"),
            ("Tussenmeting", date(2025, 6, 30), second, "AB"),
            ("Eindmeting", date(2025, 12, 1), third, "AB"),
        ],
        SPEC,
        party_names={"A": "Gemeente Aa", "B": "Leverancier Bee"},
    )


def test_chart_is_accessible_csp_safe_svg_with_a_hidden_table():
    html = render(three_rounds(), 1)
    svg = main_svg(html)
    assert_accessible_svg(svg)
    assert_csp_safe(html)
    desc = text_of(svg.find(f"{SVG}desc"))
    assert "3 rounds" in desc and "Gemeente Aa: solid line with circles" in desc
    hidden = re.search(r'<div class="visually-hidden">(<table>.*?</table>)</div>', html, re.S)
    rows = [[text_of(cell) for cell in row] for row in ET.fromstring(hidden.group(1)).iter("tr")]
    assert rows == [
        ["Round", "Gemeente Aa", "Leverancier Bee", "State"],
        ["Nulmeting (Jan. 31, 2025)", "4.00", "2.00", "weak"],
        ["Tussenmeting (June 30, 2025)", "4.00", "fewer than 2 respondents", "missing"],
        ["Eindmeting (Dec. 1, 2025)", "5.00", "4.00", "misaligned"],
    ]


def test_parties_differ_in_colour_and_dash_and_a_withheld_round_breaks_the_line():
    svg = main_svg(render(three_rounds(), 1))
    lines = svg.findall(f"{SVG}polyline")
    # A: one line through three rounds; B: no line at all (its points are not neighbours).
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 3
    points = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "chart-trend__point"]
    assert [(p.get("data-party"), p.get("data-round")) for p in points] == [
        ("A", "0"), ("A", "1"), ("A", "2"), ("B", "0"), ("B", "2"),
    ]  # fmt: skip
    colours = {p.get("data-party"): p.get("fill") for p in points}
    assert colours["A"] != colours["B"]
    html = render(three_rounds(), 1)
    legend = re.findall(r'<line x1="1" y1="8" x2="39" y2="8" stroke="([^"]+)"([^>]*)/>', html)
    assert len(legend) == 2 and legend[0][0] != legend[1][0]
    assert [rest.strip() for _colour, rest in legend] == [
        'stroke-width="2.5"',
        'stroke-width="2.5" stroke-dasharray="8 4"',
    ]


def test_state_per_round_is_written_as_text():
    svg = main_svg(render(three_rounds(), 1, lang="nl"))
    states = [
        text_of(g) for g in svg.iter(f"{SVG}g") if "chart-trend__state " in g.get("class", "") + " "
    ]
    assert states == ["Zwak", "Ontbreekt", "Uit balans"]
    assert "Nulmeting" in text_of(svg) and "31 januari 2025" in text_of(svg)


def test_a_link_the_old_framework_lacked_says_so():
    old_spec = replace(SPEC, links=SPEC.links[:1])
    old = score(old_spec, {"A": {"r1": {"1.1": 4}, "r2": {"1.1": 4}}}, parties=["A"])
    new = result([[5, 5], [4, 4]], [[4, 4], [4, 4]])
    trends = compute_trends([("oud", None, old, ["A"]), ("nieuw", None, new, "AB")], SPEC)
    html = render(trends, 2)
    svg = main_svg(html)
    assert "not in this round" in text_of(svg)
    assert "<td>not in this round</td><td>not in this round</td><td>not in this round</td>" in html
