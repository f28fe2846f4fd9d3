"""The pure geometry behind the charts (no templates)."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest

from ritsen.results.charts import geometry as geo
from ritsen.results.charts.text import text_width, wrap_text


def test_bar_length_is_proportional_to_the_mean_on_the_scale():
    lengths = [geo.bar(v, 1, 5, x=10, y=0, length=200, height=20).width for v in (1, 2, 3, 5)]

    assert lengths == [0, 50, 100, 200]


def test_bar_accepts_the_engines_decimals_and_fractions():
    assert geo.bar(Decimal("3.50"), 1, 5, x=0, y=0, length=80, height=10).end == 50
    assert geo.bar(Fraction(7, 2), 1, 5, x=0, y=0, length=80, height=10).end == 50


def test_whisker_spans_mean_plus_and_minus_sd():
    shape = geo.bar(3, 1, 5, x=0, y=0, length=400, height=20, spread=Decimal("0.5"))

    assert (shape.whisker.x1, shape.whisker.x2) == (150, 250)
    assert not shape.whisker.clipped_low and not shape.whisker.clipped_high


def test_whisker_is_clipped_to_the_scale():
    high = geo.bar(Decimal("4.5"), 1, 5, x=10, y=0, length=400, height=20, spread=1)
    low = geo.bar(Decimal("1.5"), 1, 5, x=10, y=0, length=400, height=20, spread=1)

    assert high.whisker.x1 == 10 + 350 - 100 and high.whisker.x2 == 410
    assert high.whisker.clipped_high and not high.whisker.clipped_low
    assert low.whisker.x1 == 10 and low.whisker.clipped_low


def test_no_whisker_without_spread():
    assert geo.bar(3, 1, 5, x=0, y=0, length=100, height=20).whisker is None


@pytest.mark.parametrize("count", [3, 9, 20])
@pytest.mark.parametrize("value", [1, 2, Decimal("3.75"), 5])
def test_radar_point_lies_on_the_radius_for_its_value(count, value):
    centre = geo.Point(200, 180)
    for index in range(count):
        p = geo.radar_point(index, count, value, 1, 5, centre, 120)

        assert math.dist((p.x, p.y), (centre.x, centre.y)) == pytest.approx(
            120 * (float(value) - 1) / 4
        )


def test_radar_starts_at_the_top_and_goes_clockwise():
    centre = geo.Point(100, 100)
    top, right, bottom = (geo.radar_point(i, 4, 5, 1, 5, centre, 50) for i in range(3))

    assert (top.x, top.y) == pytest.approx((100, 50))
    assert (right.x, right.y) == pytest.approx((150, 100))
    assert (bottom.x, bottom.y) == pytest.approx((100, 150))


def test_radar_runs_closed_when_every_point_is_there():
    points = [geo.Point(i, i) for i in range(4)]

    assert geo.radar_runs(points) == (True, [points])


def test_radar_runs_break_at_a_missing_point_and_wrap_around():
    p0, p2, p3 = geo.Point(0, 0), geo.Point(2, 2), geo.Point(3, 3)

    assert geo.radar_runs([p0, None, p2, p3]) == (False, [[p2, p3, p0]])
    assert geo.radar_runs([None, p0, None, p2]) == (False, [[p0], [p2]])
    assert geo.radar_runs([None, None, None]) == (False, [])


def test_wrap_text_breaks_at_spaces_and_after_hyphens():
    lines = wrap_text("Opdrachtgever- en opdrachtnemerschap", 190, 15, bold=True)

    assert lines == ["Opdrachtgever- en", "opdrachtnemerschap"]
    assert all(text_width(line, 15, bold=True) <= 190 for line in lines)
    assert wrap_text("IT-leverancier Bee", 90, 12) == ["IT-leverancier", "Bee"]
    assert wrap_text("IT-leverancier", 60, 12) == ["IT-", "leverancier"]


def test_wrap_text_shortens_the_last_line_with_an_ellipsis():
    lines = wrap_text("one two three four five six", 40, 12, max_lines=2)

    assert len(lines) == 2 and lines[-1].endswith("…")


def test_text_width_grows_with_text_size_and_weight():
    assert text_width("Strategie", 15) > text_width("Strategie", 12)
    assert text_width("Strategie", 15, bold=True) > text_width("Strategie", 15)
    assert text_width("WWW", 12) > text_width("iii", 12)


@pytest.mark.parametrize("parties", [1, 2, 3, 6])
def test_zipper_teeth_interlock_without_touching(parties):
    layout = geo.zipper_layout([40, 90, 40, 60], parties, top=50, label_width=200)

    teeth = [t for row in layout.rows for t in row.teeth]
    for row in layout.rows:
        assert len(row.teeth) == parties
        for tooth in row.teeth:
            # odd columns sit half a row lower: the two sides alternate
            offset = geo.HALF_ROW if tooth.column % 2 else 0
            assert tooth.y == row.teeth[0].y + offset
            assert row.top <= tooth.y and tooth.y + tooth.height <= row.bottom
    # A head reaches into the neighbouring column only where that column has a gap.
    for tooth in teeth:
        head = (tooth.y + geo.HEAD_INSET, tooth.y + tooth.height - geo.HEAD_INSET)
        for other in teeth:
            if abs(other.column - tooth.column) == 1:
                assert head[1] <= other.y or other.y + other.height <= head[0]


def test_zipper_rows_follow_each_other_and_grow_with_their_text():
    layout = geo.zipper_layout([40, 120], 2, top=50, label_width=200)
    first, second = layout.rows

    assert first.top == 50 and second.top == first.bottom
    assert first.height == geo.MIN_ROW_H and second.height >= 120
    assert layout.height > second.bottom
    assert layout.label_x > max(t.x + t.width for t in first.teeth)


def test_zipper_without_parties_still_has_its_rows():
    layout = geo.zipper_layout([40, 40], 0, top=0, label_width=100)

    assert [row.teeth for row in layout.rows] == [(), ()]
    assert layout.label_x > 0 and layout.width > layout.label_x


def test_tooth_path_has_heads_only_where_asked():
    plain = geo.tooth_path(10, 10)
    both = geo.tooth_path(10, 10, head_left=True, head_right=True)

    assert plain.startswith("M") and plain.endswith("Z")
    assert both.count("Q") == plain.count("Q") + 4
