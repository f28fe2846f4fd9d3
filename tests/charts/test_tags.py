"""The chart template tags, rendered the way a page renders them."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.charts.builders import LINK_NAMES, five_states, make_results, make_spec

SVG = "{http://www.w3.org/2000/svg}"


def render(source: str, lang: str = "en", **context) -> str:
    with translation.override(lang):
        return Template("{% load charts %}" + source).render(Context(context))


def main_svg(html: str) -> ET.Element:
    """The chart's own (first) <svg>, parsed as XML: it must be well-formed."""
    start = html.index("<svg")
    return ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])


def all_svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg.*?</svg>", html, flags=re.S)]


def text_of(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def zipper_rows(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if "chart-zipper__row " in g.get("class", "") + " "]


def assert_accessible_svg(svg: ET.Element):
    # A chart with links to details is a labelled group (an image may not hold links).
    has_links = svg.find(f".//{SVG}a") is not None
    assert svg.get("role") == ("group" if has_links else "img")
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None and title.text.strip()
    assert desc is not None and desc.text.strip()
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def assert_csp_safe(html: str):
    assert not re.search(r"\sstyle\s*=", html), "inline style attribute"
    assert "<style" not in html


TAGS = [
    "{% zipper_chart results %}",
    '{% zipper_chart results link_url_name="/c/{id}/" %}',
    "{% party_bars_chart results 4 %}",
    "{% party_bars_chart results 5 %}",
    "{% gap_chart results %}",
    "{% radar_chart results %}",
    "{% chart_state_legend %}",
]


@pytest.mark.parametrize("source", TAGS)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_chart_is_well_formed_and_csp_safe(source, lang):
    html = render(source, lang, results=five_states())

    assert_csp_safe(html)
    for svg in all_svgs(html):  # parses every <svg>, legend icons included
        assert svg.tag == f"{SVG}svg"
    if "legend" not in source:
        assert_accessible_svg(main_svg(html))
        assert "<table" in html and "<caption>" in html


@pytest.mark.parametrize("source", TAGS[:-1])
@pytest.mark.parametrize("parties", [1, 6])
def test_charts_work_for_one_to_six_parties_and_many_links(source, parties):
    names = [f"Link number {i}" for i in range(1, 21)]
    scores = {
        f"Party {p}": [[(p + i) % 5 + 1, (p * i) % 5 + 1] for i in range(20)]
        for p in range(1, parties + 1)
    }
    html = render(source, results=make_results(make_spec(names), scores))

    svg = main_svg(html)
    assert_accessible_svg(svg)
    assert_csp_safe(html)


@pytest.mark.parametrize("source", [TAGS[0], TAGS[2], TAGS[4], TAGS[5]])
def test_charts_render_without_parties(source):
    html = render(source, results=make_results(make_spec(LINK_NAMES), {}))

    assert_accessible_svg(main_svg(html))
    assert "4 Agreements &amp; contracts" in html  # the links are still named


def test_two_charts_on_one_page_keep_their_ids_apart():
    html = render("{% zipper_chart results %}{% zipper_chart results %}", results=five_states())

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 4


# --- zipper ---------------------------------------------------------------------------


def test_zipper_shows_every_links_state_as_text():
    svg = main_svg(render("{% zipper_chart results %}", results=five_states()))

    rows = zipper_rows(svg)
    expected = ["strong", "attention", "misaligned", "weak", "missing"]
    assert [r.get("class").split("--")[1].split()[0] for r in rows] == expected
    for row, name, state in zip(rows, LINK_NAMES, expected, strict=True):
        text = text_of(row)
        assert name in text
        assert state.capitalize() in text


def test_zipper_shows_means_with_two_decimals_in_the_active_language():
    results = five_states()

    english = text_of(main_svg(render("{% zipper_chart results %}", "en", results=results)))
    dutch = text_of(main_svg(render("{% zipper_chart results %}", "nl", results=results)))

    assert "2.50" in english and "3.50" in english and "4.50" in english
    assert "2,50" in dutch and "3,50" in dutch and "2.50" not in dutch


def test_zipper_says_too_few_respondents_for_a_withheld_cell():
    svg = main_svg(render("{% zipper_chart results %}", results=five_states()))

    missing = zipper_rows(svg)[4]
    assert "Gemeente <Aa>: fewer than 2 respondents" in text_of(missing)
    assert all("respondents" not in text_of(row) for row in zipper_rows(svg)[:4])


def test_zipper_marks_the_weakest_link():
    svg = main_svg(render("{% zipper_chart results %}", results=five_states()))

    rows = zipper_rows(svg)
    weakest = [row for row in rows if "chart-zipper__row--weakest" in row.get("class")]
    assert len(weakest) == 1 and "Agreements & contracts" in text_of(weakest[0])
    assert "Weakest link" in text_of(weakest[0])
    assert sum("Weakest link" in text_of(row) for row in rows) == 1
    assert "Weakest link: 4 Agreements & contracts." in svg.find(f"{SVG}desc").text


def test_zipper_header_shows_the_zipper_state_and_the_parties():
    svg = main_svg(render("{% zipper_chart results %}", results=five_states()))

    assert "Jammed" in text_of(svg)
    assert "Gemeente <Aa>" in text_of(svg) and "Leverancier Bee" in text_of(svg)
    assert svg.find(f"{SVG}title").text == "The zipper: jammed"


def test_zipper_table_repeats_the_figures():
    html = render("{% zipper_chart results %}", results=five_states())

    table = ET.fromstring(html[html.index("<table") : html.index("</table>") + 8])
    cells = [text_of(row) for row in table.iter("tr")]
    assert cells[0] == "Link Gemeente <Aa> Leverancier Bee Gap State"
    assert cells[4] == "4 Agreements & contracts 2.50 3.50 1.00 weak (weakest link)"
    assert cells[5] == "5 Processes fewer than 2 respondents 4.00 — missing"


def test_zipper_has_a_legend_with_every_state():
    html = render("{% zipper_chart results %}", results=five_states())

    legend = html[html.index('class="chart-legend"') :]
    for label in ("Strong", "Attention", "Misaligned", "Weak", "Missing", "Too few respondents"):
        assert label in legend


def test_zipper_rows_link_to_a_path_template():
    svg = main_svg(
        render('{% zipper_chart results link_url_name="/c/{id}/" %}', results=five_states())
    )

    links = list(svg.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == [f"/c/{i}/" for i in range(1, 6)]
    assert "Agreements & contracts" in text_of(links[3]) and "Weak" in text_of(links[3])
    assert links[3].get("aria-label") == "4 Agreements & contracts: weak. Show the details."


@pytest.mark.urls("tests.charts.urls")
def test_zipper_rows_link_to_a_named_url():
    html = render('{% zipper_chart results link_url_name="link_detail" %}', results=five_states())

    hrefs = [a.get("href") for a in main_svg(html).iter(f"{SVG}a")]
    assert hrefs == [f"/c/7/r/8/links/{i}/" for i in range(1, 6)]


def test_zipper_without_url_has_no_links():
    html = render("{% zipper_chart results %}", results=five_states())

    assert not list(main_svg(html).iter(f"{SVG}a"))


# --- bars per party -------------------------------------------------------------------


def test_party_bars_show_means_n_thresholds_and_gap():
    svg = main_svg(render("{% party_bars_chart results 4 %}", results=five_states()))

    text = text_of(svg)
    assert "2.50" in text and "3.50" in text and "n = 2" in text
    assert "Weak < 3.00" in text and "Strong ≥ 4.00" in text
    assert "Gap: 1.00" in text
    assert "Strongly disagree" in text and "Strongly agree" in text
    assert svg.find(f"{SVG}title").text == "Scores per party: 4 Agreements & contracts"


def test_party_bars_say_too_few_respondents_instead_of_a_bar():
    html = render("{% party_bars_chart results 5 %}", results=five_states())
    svg = main_svg(html)

    assert "fewer than 2 respondents" in text_of(svg)
    assert "n = 1" not in text_of(svg)  # the size of a withheld group is never told
    # One filled bar (party B) on its track; party A's track is empty and dashed.
    party_colours = {"#0b4f8a", "#8a3b0b"}
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("fill") in party_colours]
    assert [b.get("fill") for b in bars] == ["#8a3b0b"]
    assert "Gap:" not in text_of(svg)


def test_party_bars_draw_the_whisker_for_the_spread():
    svg = main_svg(render("{% party_bars_chart results 4 %}", results=five_states()))

    # sd of (2, 3) and of (3, 4) is 0.71; one dark whisker (plus its white halo) per bar
    whiskers = [p for p in svg.iter(f"{SVG}path") if p.get("stroke") == "#1b1b1b"]
    assert len(whiskers) == 3  # two whiskers and the gap bracket


# --- gap ------------------------------------------------------------------------------


def test_gap_chart_shows_each_gap_and_a_dash_when_there_is_none():
    svg = main_svg(render("{% gap_chart results %}", "nl", results=five_states()))

    text = text_of(svg)
    for value in ("0,00", "0,50", "1,50", "1,00"):
        assert value in text
    assert "—" in text
    assert "≥ 1,00" in text


def test_gap_chart_links_rows_when_asked():
    svg = main_svg(
        render('{% gap_chart results link_url_name="/g/{id}/" %}', results=five_states())
    )

    assert [a.get("href") for a in svg.iter(f"{SVG}a")] == [f"/g/{i}/" for i in range(1, 6)]


# --- radar ----------------------------------------------------------------------------


def test_radar_draws_one_line_per_party_and_breaks_at_withheld_values():
    svg = main_svg(render("{% radar_chart results %}", results=five_states()))

    closed = [p for p in svg.iter(f"{SVG}polygon") if p.get("stroke") == "#8a3b0b"]
    opened = [p for p in svg.iter(f"{SVG}polyline") if p.get("stroke") == "#0b4f8a"]
    assert len(closed) == 1 and len(closed[0].get("points").split()) == 5
    # party A has no score on link 5: one open line through links 1 to 4
    assert len(opened) == 1 and len(opened[0].get("points").split()) == 4
    dashes = {p.get("stroke-dasharray") for p in closed + opened}
    assert len(dashes) == 2


def test_radar_labels_its_rings_and_axes():
    html = render("{% radar_chart results %}", results=five_states())
    svg = main_svg(html)

    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert all(str(v) in labels for v in range(1, 6))  # axes 1-5 and rings 1-5
    assert "Business case" in html[html.index('class="chart-key"') :]


def test_each_tooth_is_coloured_by_its_party_s_own_score():
    """Link 3 is misaligned: A's 3.50 is in the attention band, B's 5.00 is strong —
    the teeth say so; the link's state is the label beside them."""
    from ritsen.results.charts.palette import STATE_COLOURS

    svg = main_svg(render("{% zipper_chart results %}", results=five_states()))
    misaligned = zipper_rows(svg)[2]
    fills = [p.get("fill") for p in misaligned.iter(f"{SVG}path") if p.get("stroke-width")]
    assert fills[:2] == [STATE_COLOURS["attention"].fill, STATE_COLOURS["strong"].fill]
    assert "Misaligned" in text_of(misaligned)
