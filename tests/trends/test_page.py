"""The trends page: empty with one released round, trends from the second one on."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.assessments.conftest import close, make_scan, release


def released(cast, **kwargs):
    scan = make_scan(cast, **kwargs)
    close(cast, scan.round)
    release(cast, scan.round, cast.party_a)
    release(cast, scan.round, cast.party_b)
    return scan.round


def page(login, user, cast, language="en"):
    user.language = language
    user.save(update_fields=["language"])
    response = login(user).get(reverse("trends:index", args=[cast.collab.pk]))
    assert response.status_code == 200
    return response


def points(body: str, party) -> list[str]:
    return re.findall(
        rf'class="chart-trend__point" data-party="{party.pk}" data-round="(\d+)"', body
    )


def test_one_released_round_shows_the_empty_state(login, cast):
    round_ = released(cast)
    response = page(login, cast.member_b, cast)
    assert not response.context["trends"].has_trend
    body = response.content.decode()
    assert "chart-trend" not in body
    assert round_.title in body
    assert reverse("results:zipper", args=[cast.collab.pk, round_.pk]) in body


def test_no_rounds_shows_the_empty_state(login, cast):
    response = page(login, cast.facilitator, cast)
    assert response.context["trends"] is None
    assert "chart-trend" not in response.content.decode()


def test_unreleased_rounds_do_not_count(login, cast):
    released(cast)
    scan = make_scan(cast, value_a=5, value_b=5)
    close(cast, scan.round)
    release(cast, scan.round, cast.party_a)  # only A released
    response = page(login, cast.coord_a, cast)
    assert not response.context["trends"].has_trend
    assert "5.00" not in response.content.decode()


def test_two_released_rounds_show_zipper_states_charts_and_changes(login, cast):
    released(cast, value_a=4, value_b=2)
    released(cast, value_a=5, value_b=3)
    response = page(login, cast.member_a, cast)
    trends = response.context["trends"]
    assert len(trends.rounds) == 2
    body = response.content.decode()
    # One chart per link, each with a point per party per round.
    assert body.count('<div class="chart-trend">') == 9
    assert len(points(body, cast.party_a)) == 18 and len(points(body, cast.party_b)) == 18
    # Every change improved: A from 4 to 5, B from 2 to 3.
    assert response.context["counts"] == {"improved": 18, "worse": 0, "unchanged": 0}
    assert body.count("▲ improved (+1.00)") == 18
    assert "4.00 → <strong>5.00</strong>" in body and "2.00 → <strong>3.00</strong>" in body
    # The zipper per round: jammed (B weak), then fragile (B at 3, gap 2: misaligned).
    zipper_rows = response.context["zipper_rows"]
    assert [str(row["trend"].zipper_state) for row in zipper_rows] == ["jammed", "fragile"]
    # The hidden table carries the figures and the states.
    assert '<div class="visually-hidden"><table>' in body
    assert "<td>4.00</td><td>2.00</td><td>weak</td>" in body


def test_round_with_a_party_below_threshold_shows_no_point_for_it(login, cast):
    released(cast, value_a=4, value_b=2)
    released(cast, respondents_b=2, value_a=4, value_b=5)  # B too small in round 2
    released(cast, value_a=4, value_b=4)
    response = page(login, cast.coord_b, cast)
    body = response.content.decode()
    b_rounds = points(body, cast.party_b)
    assert len(b_rounds) == 9 * 2 and "1" not in b_rounds
    assert points(body, cast.party_a).count("1") == 9
    assert "5.00" not in body and "5,00" not in body  # B's withheld mean never shows
    assert "<td>4.00</td><td>fewer than 3 respondents</td><td>missing</td>" in body
    # No comparison for B in round 3 (round 2 had no point), A unchanged.
    assert body.count("no comparison") == 9
    assert response.context["counts"] == {"improved": 0, "worse": 0, "unchanged": 9}


def test_queries_are_fixed_per_round_not_per_respondent(login, cast):
    client = login(cast.member_a)
    url = reverse("trends:index", args=[cast.collab.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    released(cast)
    released(cast)
    two = count()
    released(cast, respondents_a=3, respondents_b=3)
    three = count()
    released(cast, respondents_a=12, respondents_b=12)
    four = count()
    assert four - three == three - two
