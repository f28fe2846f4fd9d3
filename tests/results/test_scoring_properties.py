"""Property-based tests: the engine agrees with a naive reading of the rules."""

from __future__ import annotations

import math
import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ritsen.results.scoring import LinkState, ZipperState, score

from .factories import make_spec

SETTINGS = settings(max_examples=100, deadline=None, database=None)
STATE_ORDER = ["missing", "weak", "misaligned", "attention", "strong"]


@st.composite
def rounds(draw):
    """A small framework and answers of up to 3 parties to it."""
    lo, hi = draw(st.sampled_from([(1, 5), (0, 10), (1, 7)]))
    weak = draw(st.integers(lo, hi - 1))
    strong = draw(st.integers(weak + 1, hi))
    links = draw(st.lists(st.lists(st.booleans(), min_size=1, max_size=4), min_size=1, max_size=4))
    spec = make_spec(
        links,
        scale=(lo, hi),
        strong=str(strong),
        weak=str(weak),
        gap=draw(st.sampled_from(["0.5", "1", "1.25", "2"])),
        min_respondents=draw(st.sampled_from([1, 2, 3])),
        min_answered=draw(st.sampled_from(["0.01", "0.25", "0.5", "0.75", "1"])),
    )
    # A score, None (don't know) or absent (not answered); scores dominate.
    value = st.integers(lo, hi + 2).map(
        lambda v: v if v <= hi else (None if v == hi + 1 else "absent")
    )
    answers = {}
    for p in range(draw(st.sampled_from([2, 2, 1, 3, 0]))):
        respondents = {}
        for r in range(draw(st.sampled_from([3, 4, 5, 2, 1, 0]))):
            given_answers = {}
            for statement in spec.statements:
                v = draw(value)
                if v != "absent":
                    given_answers[statement.id] = v
            respondents[f"r{r}"] = given_answers
        answers[f"P{p}"] = respondents
    return spec, answers


def naive(spec, answers, min_respondents=None):
    """The rules as written, with Fractions everywhere and no cleverness."""
    k = spec.thresholds.min_respondents if min_respondents is None else min_respondents
    th = spec.thresholds
    links = []
    for link in spec.links:
        needed = max(1, math.ceil(Fraction(th.min_answered) * len(link.statements)))
        party_means, party_ns, party_vars = {}, {}, {}
        for party, respondents in answers.items():
            scores = []
            for given_answers in respondents.values():
                values = []
                for s in link.statements:
                    v = given_answers.get(s.id)
                    if v is None:
                        continue
                    values.append(spec.scale_min + spec.scale_max - v if s.reverse else v)
                if len(values) >= needed:
                    scores.append(Fraction(sum(values), len(values)))
            n = len(scores)
            # A withheld group's size is never told: reported as 0.
            party_ns[party] = n if n >= k else 0
            if n < k:
                party_means[party] = party_vars[party] = None
                continue
            mean = sum(scores, Fraction(0)) / n
            party_means[party] = mean
            party_vars[party] = (
                sum(((x - mean) ** 2 for x in scores), Fraction(0)) / (n - 1) if n > 1 else None
            )
        means = list(party_means.values())
        if not means or None in means:
            state, gap = "missing", None
        else:
            gap = max(means) - min(means)
            if min(means) < th.weak:
                state = "weak"
            elif gap >= th.gap:
                state = "misaligned"
            elif min(means) < th.strong:
                state = "attention"
            else:
                state = "strong"
        available = [m for m in means if m is not None]
        links.append(
            {
                "id": link.id,
                "means": party_means,
                "ns": party_ns,
                "vars": party_vars,
                "gap": gap,
                "state": state,
                "lowest": min(available) if available else None,
            }
        )
    states = {link["state"] for link in links}
    if states & {"missing", "weak"}:
        zipper = "jammed"
    elif states & {"misaligned", "attention"}:
        zipper = "fragile"
    else:
        zipper = "closed"
    complete = [link for link in links if link["state"] != "missing"]
    weakest = (
        min(complete, key=lambda link: (link["lowest"], link["id"]))["id"] if complete else None
    )
    jams_at = sorted(link["id"] for link in links if link["state"] in ("missing", "weak"))

    def agenda_key(link):
        return (
            STATE_ORDER.index(link["state"]),
            link["gap"] is None,
            -link["gap"] if link["gap"] is not None else 0,
            link["lowest"] is None,
            link["lowest"] if link["lowest"] is not None else 0,
            link["id"],
        )

    agenda = [link["id"] for link in sorted(links, key=agenda_key)]
    return links, zipper, weakest, jams_at, agenda


def summary(result):
    """What must not change: per link and party the mean and n, gap, state; the zipper."""
    return (
        [
            (
                link.link_id,
                {p: (r.mean, r.n, r.variance) for p, r in link.parties.items()},
                link.gap,
                link.state,
            )
            for link in result.links
        ],
        result.zipper,
        result.agenda,
    )


@SETTINGS
@given(rounds())
def test_engine_agrees_with_the_naive_rules(round_):
    spec, answers = round_
    result = score(spec, answers)
    links, zipper, weakest, jams_at, agenda = naive(spec, answers)
    for got, want in zip(result.links, links, strict=True):
        assert got.link_id == want["id"]
        assert {p: r.mean for p, r in got.parties.items()} == want["means"]
        assert {p: r.n for p, r in got.parties.items()} == want["ns"]
        assert {p: r.variance for p, r in got.parties.items()} == want["vars"]
        assert got.gap == want["gap"]
        assert got.state == LinkState(want["state"])
        assert got.lowest_mean == want["lowest"]
    assert result.zipper.state == ZipperState(zipper)
    assert result.zipper.weakest_link == weakest
    assert list(result.zipper.jams_at) == jams_at
    assert list(result.agenda) == agenda


@SETTINGS
@given(rounds(), st.randoms(use_true_random=False))
def test_order_of_respondents_and_parties_does_not_matter(round_, rnd: random.Random):
    spec, answers = round_
    shuffled_parties = list(answers)
    rnd.shuffle(shuffled_parties)
    shuffled = {}
    for party in shuffled_parties:
        respondents = list(answers[party].items())
        rnd.shuffle(respondents)
        shuffled[party] = dict(respondents)
    original = score(spec, answers, parties=sorted(answers))
    permuted = score(spec, shuffled, parties=sorted(answers))
    assert summary(original) == summary(permuted)
    # Without an explicit order the party order follows the input, the rest is equal.
    free = score(spec, shuffled)
    assert free.parties == tuple(shuffled_parties)
    assert [(link.state, link.gap) for link in free.links] == [
        (link.state, link.gap) for link in original.links
    ]
    assert (free.zipper, free.agenda) == (original.zipper, original.agenda)


@SETTINGS
@given(rounds())
def test_doubling_every_respondent_keeps_means_and_states(round_):
    spec, answers = round_
    doubled = {
        party: {
            **{("a", key): given_answers for key, given_answers in respondents.items()},
            **{("b", key): dict(given_answers) for key, given_answers in respondents.items()},
        }
        for party, respondents in answers.items()
    }
    original = score(spec, answers, min_respondents=1)
    twice = score(spec, doubled, min_respondents=1)
    for a, b in zip(original.links, twice.links, strict=True):
        assert {p: r.mean for p, r in a.parties.items()} == {
            p: r.mean for p, r in b.parties.items()
        }
        assert {p: 2 * r.n for p, r in a.parties.items()} == {p: r.n for p, r in b.parties.items()}
        assert (a.gap, a.state) == (b.gap, b.state)
    assert (original.zipper, original.agenda) == (twice.zipper, twice.agenda)


@SETTINGS
@given(st.fractions(min_value=0, max_value=1000))
def test_sd_rounding_matches_high_precision_decimal(variance):
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    from ritsen.results.scoring import sqrt_half_up_decimal

    with localcontext() as ctx:
        ctx.prec = 60
        root = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
        expected = root.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert sqrt_half_up_decimal(variance) == expected
