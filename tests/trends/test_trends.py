"""The pure trend computation: series, states per round, improved / worse / unchanged."""

from datetime import date
from decimal import Decimal

from ritsen.results.scoring import LinkState, ZipperState, score
from ritsen.results.trends import Direction, Point, RoundInput, compare, compute_trends
from tests.charts.builders import make_spec

SPEC = make_spec(["Een", "Twee"], min_respondents=2)


def result(a: list[list[int]], b: list[list[int]]):
    """Per party, per link, the respondents' scores."""
    answers = {}
    for party, per_link in (("A", a), ("B", b)):
        respondents = {}
        for link_id, values in enumerate(per_link, start=1):
            for r, value in enumerate(values):
                respondents.setdefault(f"r{r}", {})[f"{link_id}.1"] = value
        answers[party] = respondents
    return score(SPEC, answers, parties=["A", "B"])


def trends_of(*results):
    return compute_trends(
        [(f"Ronde {i}", date(2025, i, 1), r, ["A", "B"]) for i, r in enumerate(results, start=1)],
        SPEC,
        party_names={"A": "Gemeente", "B": "Leverancier"},
    )


def test_series_of_means_and_link_state_per_round():
    trends = trends_of(
        result([[4, 4], [3, 3]], [[4, 5], [3, 3]]),
        result([[5, 5], [2, 2]], [[4, 4], [3, 3]]),
    )
    link = trends.link(1)
    assert [p.mean_rounded for p in link.series[0].points] == [Decimal("4.00"), Decimal("5.00")]
    assert [p.mean_rounded for p in link.series[1].points] == [Decimal("4.50"), Decimal("4.00")]
    assert link.states == (LinkState.STRONG, LinkState.MISALIGNED)
    assert trends.link(2).states == (LinkState.ATTENTION, LinkState.WEAK)
    assert [r.zipper_state for r in trends.rounds] == [ZipperState.FRAGILE, ZipperState.JAMMED]
    assert trends.rounds[1].jams_at == ("link_2",)
    assert trends.rounds[1].weakest_key == "link_2"
    assert trends.has_trend


def test_improved_worse_and_unchanged_since_the_previous_round():
    trends = trends_of(
        result([[4, 4], [3, 3]], [[4, 5], [3, 3]]),
        result([[5, 5], [2, 2]], [[4, 4], [3, 3]]),
    )
    a_1, b_1 = trends.link(1).latest_changes
    assert (a_1.direction, a_1.difference) == (Direction.IMPROVED, Decimal("1.00"))
    assert (b_1.direction, b_1.difference) == (Direction.WORSE, Decimal("-0.50"))
    a_2, b_2 = trends.link(2).latest_changes
    assert a_2.direction == Direction.WORSE and b_2.direction == Direction.UNCHANGED
    assert trends.latest_counts() == {
        Direction.IMPROVED: 1,
        Direction.WORSE: 2,
        Direction.UNCHANGED: 1,
    }


def test_changes_below_a_tenth_count_as_unchanged():
    def point(mean):
        return Point(mean=Decimal(mean), n=3)

    assert compare("A", point("3.95"), point("4.04")).direction == Direction.UNCHANGED
    assert compare("A", point("3.95"), point("4.05")).direction == Direction.IMPROVED
    assert compare("A", point("4.05"), point("3.95")).direction == Direction.WORSE
    assert compare("A", point("4"), point("4")).direction == Direction.UNCHANGED
    # Measured on the rounded means the user sees.
    assert compare("A", point("3.944"), point("4.045")).difference == Decimal("0.11")


def test_suppressed_round_has_no_point_and_no_comparison():
    # In round 2 only one of B's respondents answers link 1: below the minimum of 2.
    trends = trends_of(
        result([[4, 4], [3, 3]], [[2, 2], [3, 3]]),
        result([[4, 4], [3, 3]], [[5, None], [3, 3]]),
        result([[4, 4], [3, 3]], [[4, 4], [3, 3]]),
    )
    b = trends.link(1).series[1]
    assert b.points[1] is None
    assert [p.mean_rounded for p in (b.points[0], b.points[2])] == [
        Decimal("2.00"),
        Decimal("4.00"),
    ]
    assert b.point_count == 2
    assert b.changes[1].direction is None and b.changes[1].previous == Decimal("2.00")
    assert b.changes[2].direction is None and b.changes[2].current == Decimal("4.00")
    assert trends.link(1).states[1] == LinkState.MISSING
    # Party A is unaffected.
    assert trends.link(1).series[0].point_count == 3


def test_a_party_that_joined_later_has_points_only_from_then():
    first = score(
        SPEC, {"A": {"r1": {"1.1": 4, "2.1": 4}, "r2": {"1.1": 4, "2.1": 4}}}, parties=["A"]
    )
    second = result([[4, 4], [4, 4]], [[3, 3], [4, 4]])
    trends = compute_trends(
        [RoundInput("1", None, first, ["A"]), RoundInput("2", None, second, ["A", "B"])], SPEC
    )
    assert trends.parties == ("A", "B")
    assert trends.rounds[0].parties == ("A",)
    b = trends.link(1).series[1]
    assert b.points[0] is None and b.points[1].mean_rounded == Decimal("3.00")
    assert trends.name("B") == "B"


def test_links_are_matched_by_key_and_absent_links_have_no_state():
    from dataclasses import replace

    old_spec = replace(SPEC, links=SPEC.links[:1])
    old = score(old_spec, {"A": {"r1": {"1.1": 4}, "r2": {"1.1": 4}}}, parties=["A"])
    new = result([[5, 5], [4, 4]], [[4, 4], [4, 4]])
    trends = compute_trends([("oud", None, old, ["A"]), ("nieuw", None, new, ["A", "B"])], SPEC)
    assert trends.link(2).states == (None, LinkState.STRONG)
    assert trends.link(2).series[0].points[0] is None
    assert trends.link(1).series[0].changes[1].direction == Direction.IMPROVED


def test_one_round_is_no_trend():
    trends = trends_of(result([[4, 4], [3, 3]], [[4, 5], [3, 3]]))
    assert not trends.has_trend
    assert trends.link(1).latest_changes == (None, None)
