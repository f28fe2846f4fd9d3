"""The scoring rules, one by one (pure functions, no database)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from ritsen.results.scoring import (
    LinkState,
    ZipperState,
    round_half_up,
    round_half_up_decimal,
    score,
    sqrt_half_up_decimal,
    statement_stats,
)

from .factories import make_spec, one_link_answers

# --- respondent link scores -----------------------------------------------------------


def test_reverse_statement_counts_as_min_plus_max_minus_score():
    spec = make_spec([(False, True)])  # 1.1 plain, 1.2 reverse, scale 1–5
    result = score(spec, {"A": {"r": {"1.1": 4, "1.2": 1}}})
    # 1.2 = 1 counts as 1 + 5 - 1 = 5, so the mean is (4 + 5) / 2.
    assert result.links[0].parties["A"].mean == Fraction(9, 2)


def test_reverse_scoring_uses_the_framework_scale():
    spec = make_spec([(True,)], scale=(0, 10), strong="6", weak="4", gap="2")
    result = score(spec, {"A": {"r": {"1.1": 3}}})
    assert result.links[0].parties["A"].mean == 7


@pytest.mark.parametrize(
    ("min_answered", "answered", "counted"),
    [
        ("0.5", 2, False),  # ceil(0.5 × 5) = 3 needed
        ("0.5", 3, True),
        ("0.4", 2, True),  # 0.4 × 5 = 2 exactly
        ("0.41", 2, False),  # ceil(2.05) = 3
        ("1", 4, False),
        ("1", 5, True),
    ],
)
def test_min_answered_is_rounded_up(min_answered, answered, counted):
    spec = make_spec([(False,) * 5], min_answered=min_answered)
    respondent = {f"1.{j}": 4 for j in range(1, answered + 1)}
    result = score(spec, {"A": {"r": respondent}})
    party = result.links[0].parties["A"]
    assert party.n == (1 if counted else 0)
    assert (party.mean == 4) if counted else (party.mean is None)


def test_dont_know_is_not_an_answer():
    spec = make_spec([(False,) * 4], min_answered="0.5")
    answers = {
        "A": {
            # Two answers and two "don't know": defined (2 of 4 needed), mean of 2 and 4.
            "r1": {"1.1": 2, "1.2": None, "1.3": 4, "1.4": None},
            # One answer and three "don't know": not defined.
            "r2": {"1.1": 5, "1.2": None, "1.3": None, "1.4": None},
        }
    }
    party = score(spec, answers).links[0].parties["A"]
    assert party.n == 1
    assert party.mean == 3


def test_respondent_without_any_answer_is_not_counted_even_with_low_min_answered():
    spec = make_spec([(False, False)], min_answered="0.01")
    party = score(spec, {"A": {"r1": {"1.1": None}, "r2": {"1.1": 3}}}).links[0].parties["A"]
    assert (party.n, party.mean) == (1, 3)


def test_answers_to_other_statements_are_ignored():
    spec = make_spec([(False,)])
    party = score(spec, {"A": {"r": {"1.1": 4, "9.9": 1}}}).links[0].parties["A"]
    assert (party.n, party.mean) == (1, 4)


def test_party_mean_is_mean_of_respondent_link_scores_not_of_answers():
    spec = make_spec([(False, False)], min_answered="0.5")
    # r1 answers both (mean 5), r2 only one (mean 1): party mean (5 + 1) / 2 = 3, while
    # the mean of all three answers would be 11 / 3.
    answers = {"A": {"r1": {"1.1": 5, "1.2": 5}, "r2": {"1.1": 1}}}
    assert score(spec, answers).links[0].parties["A"].mean == 3


# --- spread and withholding -----------------------------------------------------------


def test_spread_is_the_sample_standard_deviation():
    spec = make_spec()
    party = score(spec, one_link_answers({"A": [3, 4, 5]})).links[0].parties["A"]
    assert party.variance == 1  # ((−1)² + 0² + 1²) / (3 − 1)
    assert party.sd == Decimal("1.00")


def test_spread_is_exact_over_fractional_respondent_scores():
    spec = make_spec([(False, False, False)])
    answers = {"A": {"r1": {"1.1": 1, "1.2": 1, "1.3": 2}, "r2": {"1.1": 2, "1.2": 2, "1.3": 2}}}
    party = score(spec, answers).links[0].parties["A"]
    # Scores 4/3 and 2: mean 5/3, variance ((1/3)² + (1/3)²) / 1 = 2/9, sd 0.4714…
    assert party.mean == Fraction(5, 3)
    assert party.variance == Fraction(2, 9)
    assert party.sd == Decimal("0.47")


def test_no_spread_for_a_single_respondent():
    spec = make_spec(min_respondents=1)
    party = score(spec, one_link_answers({"A": [4]})).links[0].parties["A"]
    assert (party.mean, party.n, party.variance, party.sd) == (4, 1, None, None)


def test_party_below_min_respondents_is_withheld_and_the_link_missing():
    spec = make_spec(min_respondents=3)
    link = score(spec, one_link_answers({"A": [4, 4, 4], "B": [5, 5]})).links[0]
    a, b = link.parties["A"], link.parties["B"]
    assert (a.withheld, a.mean, a.n) == (False, 4, 3)
    # A withheld group does not tell its size.
    assert (b.withheld, b.mean, b.variance, b.sd, b.n) == (True, None, None, None, 0)
    assert link.gap is None
    assert link.state == LinkState.MISSING


def test_min_respondents_argument_overrides_the_framework():
    spec = make_spec(min_respondents=3)
    answers = one_link_answers({"A": [4, 4], "B": [5, 5]})
    assert score(spec, answers).links[0].state == LinkState.MISSING
    link = score(spec, answers, min_respondents=2).links[0]
    assert [link.parties[p].mean for p in "AB"] == [4, 5]
    assert link.state == LinkState.MISALIGNED  # gap 5 − 4 = 1


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_min_respondents_must_be_a_positive_integer(bad):
    with pytest.raises(ValueError, match="min_respondents"):
        score(make_spec(), {}, min_respondents=bad)


# --- link states ----------------------------------------------------------------------


def _state(party_scores: dict[str, list[int]], **thresholds) -> LinkState:
    spec = make_spec(scale=(1, 7), **thresholds)
    return score(spec, one_link_answers(party_scores)).links[0].state


@pytest.mark.parametrize(
    ("party_scores", "state"),
    [
        ({"A": [4], "B": [4]}, LinkState.STRONG),  # lowest exactly 4: strong
        ({"A": [4, 5], "B": [4]}, LinkState.STRONG),  # gap 1/2
        ({"A": [3, 4], "B": [4]}, LinkState.ATTENTION),  # lowest 3.5 < 4
        ({"A": [3], "B": [3]}, LinkState.ATTENTION),  # lowest exactly 3: not weak
        ({"A": [2, 3, 3], "B": [5]}, LinkState.WEAK),  # lowest 8/3 < 3
        ({"A": [2], "B": [7]}, LinkState.WEAK),  # weak wins over misaligned
        ({"A": [3], "B": [4]}, LinkState.MISALIGNED),  # gap exactly 1, lowest 3
        ({"A": [4], "B": [5]}, LinkState.MISALIGNED),  # misaligned even when both strong
        ({"A": [4], "B": [4, 5, 5]}, LinkState.STRONG),  # gap 2/3 < 1
        ({"A": [3, 4], "B": [4, 5]}, LinkState.MISALIGNED),  # 3.5 and 4.5
        ({"A": [3, 4], "B": [4, 4, 5]}, LinkState.ATTENTION),  # gap 5/6
    ],
)
def test_link_state_boundaries(party_scores, state):
    assert _state(party_scores) == state


def test_single_party_has_gap_zero():
    spec = make_spec()
    link = score(spec, one_link_answers({"A": [4, 5]})).links[0]
    assert link.gap == 0
    assert link.state == LinkState.STRONG


def _exactly_four() -> dict:
    # Respondent scores 2, 19/3 and 11/3 on a 1–7 scale: the mean is exactly 4, while
    # adding the floats gives 3.9999999999999996.
    return {
        "r1": {"1.1": 2, "1.2": 2, "1.3": 2},
        "r2": {"1.1": 7, "1.2": 6, "1.3": 6},
        "r3": {"1.1": 4, "1.2": 4, "1.3": 3},
    }


def test_mean_made_of_fractions_exactly_four_is_strong():
    spec = make_spec([(False, False, False)], scale=(1, 7), min_respondents=3)
    assert (2 + 19 / 3 + 11 / 3) / 3 < 4  # why exact arithmetic matters
    link = score(spec, {"A": _exactly_four()}).links[0]
    assert link.parties["A"].mean == 4
    assert link.state == LinkState.STRONG


def test_gap_made_of_fractions_exactly_one_is_misaligned():
    spec = make_spec([(False, False, False)], scale=(1, 7), min_respondents=3)
    exactly_five = {
        "s1": {"1.1": 5, "1.2": 5, "1.3": 5},
        "s2": {"1.1": 7, "1.2": 7, "1.3": 6},  # 20/3
        "s3": {"1.1": 3, "1.2": 4, "1.3": 3},  # 10/3
    }
    link = score(spec, {"A": _exactly_four(), "B": exactly_five}).links[0]
    assert link.gap == 1
    assert link.state == LinkState.MISALIGNED


def test_thresholds_are_compared_exactly_as_decimals():
    spec = make_spec(strong="3.5", weak="2.5", gap="0.5", scale=(1, 5))
    link = score(spec, one_link_answers({"A": [3, 4], "B": [4]})).links[0]
    # lowest 3.5 = strong threshold, gap 0.5 = gap threshold → misaligned.
    assert link.state == LinkState.MISALIGNED


def test_no_parties_means_every_link_is_missing():
    spec = make_spec([(False,), (False,)])
    result = score(spec, {})
    assert result.parties == ()
    assert [link.state for link in result.links] == [LinkState.MISSING] * 2
    assert [link.gap for link in result.links] == [None, None]
    assert result.zipper.state == ZipperState.JAMMED
    assert result.zipper.weakest_link is None
    assert result.zipper.jams_at == (1, 2)
    assert result.agenda == (1, 2)


def test_party_without_respondents_is_missing_on_every_link():
    spec = make_spec([(False,), (False,)])
    answers = {"A": {"r": {"1.1": 5, "2.1": 5}}}
    result = score(spec, answers, parties=["A", "B"])
    assert result.parties == ("A", "B")
    for link in result.links:
        assert link.parties["B"].n == 0
        assert link.parties["B"].withheld
        assert link.state == LinkState.MISSING
        assert link.lowest_mean == 5  # of the parties that are not missing
    assert result.zipper.weakest_link is None


def test_parties_argument_sets_the_order():
    spec = make_spec()
    answers = one_link_answers({"A": [4], "B": [5]})
    result = score(spec, answers, parties=["B", "A"])
    assert result.parties == ("B", "A")
    assert list(result.links[0].parties) == ["B", "A"]
    assert result.to_json_dict(spec)["parties"] == ["B", "A"]


def test_answers_of_an_unlisted_party_are_an_error():
    with pytest.raises(ValueError, match="not listed"):
        score(make_spec(), one_link_answers({"A": [4], "B": [5]}), parties=["A"])


def test_duplicate_parties_are_an_error():
    with pytest.raises(ValueError, match="duplicates"):
        score(make_spec(), {}, parties=["A", "A"])


@pytest.mark.parametrize("bad", [0, 6, 3.0, 3.5, "3", True])
def test_score_off_the_scale_or_not_an_int_is_an_error(bad):
    with pytest.raises(ValueError, match="statement '1.1'"):
        score(make_spec([(False,)]), {"A": {"r": {"1.1": bad}}})


# --- the zipper -----------------------------------------------------------------------


def _zipper(per_link: list[dict[str, list[int]]], **kwargs):
    """Score several one-statement links: ``per_link[i]`` is ``{party: scores}``."""
    spec = make_spec([(False,)] * len(per_link), scale=(1, 7), **kwargs)
    answers: dict = {}
    for i, party_scores in enumerate(per_link, start=1):
        for party, values in party_scores.items():
            for r, value in enumerate(values):
                answers.setdefault(party, {}).setdefault(f"r{r}", {})[f"{i}.1"] = value
    return score(spec, answers, parties=["A", "B"])


STRONG = {"A": [5], "B": [5]}
ATTENTION = {"A": [3], "B": [3]}
MISALIGNED = {"A": [4], "B": [6]}
WEAK = {"A": [2], "B": [2]}
MISSING = {"A": [5], "B": []}


def test_zipper_closed_when_every_link_is_strong():
    result = _zipper([STRONG, STRONG])
    assert result.zipper.state == ZipperState.CLOSED
    assert result.zipper.jams_at == ()


@pytest.mark.parametrize("other", [ATTENTION, MISALIGNED])
def test_zipper_fragile_with_attention_or_misaligned_link(other):
    result = _zipper([STRONG, other, STRONG])
    assert result.zipper.state == ZipperState.FRAGILE
    assert result.zipper.jams_at == ()


@pytest.mark.parametrize("other", [WEAK, MISSING])
def test_zipper_jammed_by_one_weak_or_missing_link(other):
    result = _zipper([STRONG, MISALIGNED, other, STRONG])
    assert result.zipper.state == ZipperState.JAMMED
    assert result.zipper.jams_at == (3,)


def test_jams_at_lists_missing_and_weak_links_ascending():
    result = _zipper([WEAK, STRONG, MISSING, ATTENTION, WEAK])
    assert result.zipper.jams_at == (1, 3, 5)


def test_weakest_link_is_the_lowest_party_mean_not_the_average():
    result = _zipper([{"A": [7], "B": [3]}, {"A": [4], "B": [4]}])
    # Link 1 averages 5 but its lowest party mean is 3.
    assert result.zipper.weakest_link == 1


def test_weakest_link_ignores_missing_links():
    result = _zipper([{"A": [1], "B": []}, ATTENTION, STRONG])
    assert result.zipper.weakest_link == 2


def test_weakest_link_tie_goes_to_the_lowest_link_id():
    result = _zipper([STRONG, ATTENTION, {"A": [6], "B": [3]}])
    assert result.zipper.weakest_link == 2


# --- the agenda -----------------------------------------------------------------------


def test_agenda_orders_by_state_first():
    result = _zipper([STRONG, ATTENTION, MISALIGNED, WEAK, MISSING])
    assert result.agenda == (5, 4, 3, 2, 1)


def test_agenda_within_a_state_orders_by_gap_descending():
    result = _zipper([{"A": [3], "B": [3]}, {"A": [3], "B": [3, 4, 4]}, {"A": [3], "B": [3, 4]}])
    assert [link.state for link in result.links] == [LinkState.ATTENTION] * 3
    assert result.agenda == (2, 3, 1)


def test_agenda_within_equal_gaps_orders_by_lowest_mean_ascending():
    result = _zipper(
        [
            {"A": [2], "B": [2, 3]},  # weak, gap 1/2, lowest 2
            {"A": [1], "B": [1, 2]},  # weak, gap 1/2, lowest 1
            {"A": [5], "B": [5, 6]},  # strong, gap 1/2, lowest 5
            {"A": [4], "B": [4, 5]},  # strong, gap 1/2, lowest 4
        ]
    )
    assert [link.state for link in result.links] == [LinkState.WEAK] * 2 + [LinkState.STRONG] * 2
    assert result.agenda == (2, 1, 4, 3)


def test_agenda_ties_go_to_the_lowest_link_id():
    result = _zipper([ATTENTION, STRONG, ATTENTION, ATTENTION])
    assert result.agenda == (1, 3, 4, 2)


def test_agenda_missing_links_with_no_mean_come_after_those_with_one():
    result = _zipper([{"A": [], "B": []}, {"A": [6], "B": []}, {"A": [2], "B": []}, MISSING])
    # Gaps are all null; lowest available mean ascending with null last, then link id.
    assert result.agenda == (3, 4, 2, 1)


# --- JSON and rounding ----------------------------------------------------------------


def test_to_json_dict_shape_and_rounding():
    spec = make_spec([(False,), (False,)], keys=["business_case", "culture"], min_respondents=2)
    answers = {
        "Gemeente": {"g1": {"1.1": 4, "2.1": 3}, "g2": {"1.1": 4, "2.1": 4}, "g3": {"1.1": 5}},
        "Leverancier": {"l1": {"1.1": 1, "2.1": 4}},
    }
    data = score(spec, answers).to_json_dict(spec)
    assert data == {
        "framework": {"id": "test", "version": 1},
        "parties": ["Gemeente", "Leverancier"],
        "links": [
            {
                "id": 1,
                "key": "business_case",
                "parties": {
                    "Gemeente": {"mean": 4.33, "n": 3, "sd": 0.58},
                    "Leverancier": {"mean": None, "n": None, "sd": None},
                },
                "gap": None,
                "state": "missing",
            },
            {
                "id": 2,
                "key": "culture",
                "parties": {
                    "Gemeente": {"mean": 3.5, "n": 2, "sd": 0.71},
                    "Leverancier": {"mean": None, "n": None, "sd": None},
                },
                "gap": None,
                "state": "missing",
            },
        ],
        "zipper": {"state": "jammed", "weakest_link": None, "jams_at": [1, 2]},
        "agenda": [2, 1],
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(1, 200), Decimal("0.01")),
        (Fraction(201, 200), Decimal("1.01")),  # float round(1.005, 2) gives 1.0
        (Fraction(2, 3), Decimal("0.67")),
        (Fraction(1, 3), Decimal("0.33")),
        (Fraction(-1, 200), Decimal("-0.01")),
        (Fraction(0), Decimal("0.00")),
        (4, Decimal("4.00")),
        (Decimal("3.745"), Decimal("3.75")),
        (None, None),
    ],
)
def test_round_half_up(value, expected):
    assert round_half_up_decimal(value) == expected
    assert round_half_up(value) == (None if expected is None else float(expected))


@pytest.mark.parametrize(
    ("variance", "expected"),
    [
        (Fraction(0), Decimal("0.00")),
        (Fraction(1, 4), Decimal("0.50")),
        (Fraction(1, 64), Decimal("0.13")),  # sqrt = 0.125 exactly: half up
        (Fraction(2), Decimal("1.41")),
        (Fraction(1, 3), Decimal("0.58")),
        (Fraction(10_000), Decimal("100.00")),
        (None, None),
    ],
)
def test_sqrt_half_up(variance, expected):
    assert sqrt_half_up_decimal(variance) == expected


def test_link_state_labels_and_ranks():
    assert [s.rank for s in LinkState] == [0, 1, 2, 3, 4]
    with translation.override("nl"):
        assert str(LinkState.MISALIGNED.label) == "uit balans"
        assert str(ZipperState.JAMMED.label) == "hapert"
    with translation.override("en"):
        assert str(LinkState.MISALIGNED.label) == "misaligned"
        assert str(ZipperState.JAMMED.label) == "jammed"


# --- per-statement statistics ---------------------------------------------------------


def test_statement_stats_on_the_raw_scale():
    spec = make_spec([(False, True)])
    answers = {
        "A": {
            "r1": {"1.1": 4, "1.2": 1},
            "r2": {"1.1": None, "1.2": 2},
            "r3": {"1.2": None, "7.7": 3},
        },
        "B": {},
    }
    stats = statement_stats(spec, answers)
    assert list(stats) == ["A", "B"]
    assert list(stats["A"]) == ["1.1", "1.2"]
    a11, a12 = stats["A"]["1.1"], stats["A"]["1.2"]
    assert (a11.mean, a11.n, a11.dont_know, a11.withheld) == (4, 1, 1, False)
    # The reverse statement is shown as answered, not flipped.
    assert (a12.mean, a12.n, a12.dont_know) == (Fraction(3, 2), 2, 1)
    assert a12.mean_rounded == Decimal("1.50")
    assert (stats["B"]["1.1"].mean, stats["B"]["1.1"].n) == (None, 0)


def test_statement_stats_withholds_small_groups_when_asked():
    spec = make_spec()
    answers = one_link_answers({"A": [4, 5, None], "B": [3, 3, 3]})
    stats = statement_stats(spec, answers, min_respondents=3, parties=["B", "A", "C"])
    assert list(stats) == ["B", "A", "C"]
    a = stats["A"]["1.1"]
    assert (a.mean, a.n, a.dont_know, a.withheld) == (None, 0, 1, True)
    b = stats["B"]["1.1"]
    assert (b.mean, b.n, b.withheld) == (3, 3, False)
    assert stats["C"]["1.1"].withheld


def test_statement_stats_rejects_scores_off_the_scale():
    with pytest.raises(ValueError):
        statement_stats(make_spec(), {"A": {"r": {"1.1": 9}}})
