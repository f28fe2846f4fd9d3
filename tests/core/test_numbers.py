"""Whole numbers typed by a person or carried by a URL: only ASCII digits count, so a
"²" is refused (``str.isdigit`` says yes and ``int`` then fails) — on the pages too."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from ritsen.core.numbers import whole_number


@pytest.mark.parametrize(
    ("text", "digits", "expected"),
    [("30", 9, 30), (" 7 ", 9, 7), ("007", 3, 7), ("1234", 3, None), ("", 9, None),
     ("²", 9, None), ("٣", 9, None), ("-1", 9, None), ("1.5", 9, None), ("1e3", 9, None)],
)  # fmt: skip
def test_only_ascii_digits_within_the_length_make_a_number(text, digits, expected):
    assert whole_number(text, digits=digits) == expected


@given(st.text(max_size=12))
def test_any_text_gives_a_number_or_none_never_an_error(text):
    found = whole_number(text)
    assert found is None or found == int(text.strip())


@pytest.mark.django_db
def test_a_superscript_in_the_portfolio_filter_or_the_retention_is_no_error(login, cast):
    page = login(cast.coord_a).get(
        reverse("portfolio:organisation", args=[cast.party_a.organisation_id]),
        {"partner": "²"},
    )
    assert page.status_code == 200
    cast.coord_b.language = "en"
    cast.coord_b.save()
    refused = login(cast.coord_b).post(
        reverse("lifecycle:depart", args=[cast.collab.pk, cast.party_b.pk]),
        {"retention_days": "³"},
        follow=True,
    )
    assert refused.status_code == 200


@pytest.mark.django_db
def test_a_respondent_s_language_switch_with_a_superscript_link_goes_to_the_start(client, cast):
    from tests.assessments.test_respond import anonymous_token, open_link

    _round, token = anonymous_token(cast)
    open_link(client, token)
    switched = client.post(reverse("respond:language"), {"language": "en", "next_link": "²"})
    assert switched.status_code == 302 and switched["Location"] == reverse("respond:start")
