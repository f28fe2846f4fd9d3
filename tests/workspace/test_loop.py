"""Closing the loop: the next round's link page shows the actions done on that link
since the previous shared round, next to the change in each party's score."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ritsen.workspace import services
from ritsen.workspace.actions import ACTIONS
from tests.assessments.conftest import close, make_scan, release

pytestmark = pytest.mark.django_db


def test_the_next_round_shows_what_was_done_next_to_the_change(login, cast):
    first = make_scan(cast, value_a=2)
    close(cast, first.round)
    release(cast, first.round)
    for title, link, status in (
        ("Baten per partij uitschrijven", "business_case", "done"),
        ("Nog bezig", "business_case", "in_progress"),
        ("Andere schakel", "culture", "done"),
    ):
        services.create_item(
            access=cast.access(cast.coord_a), kind=ACTIONS, register=None,
            data={"title": title, "link_key": link, "owner_party": cast.party_a, "status": status},
        )  # fmt: skip
    second = make_scan(cast, value_a=4)
    close(cast, second.round)
    release(cast, second.round)
    cast.member_b.language = "en"
    cast.member_b.save()
    client = login(cast.member_b)
    page = client.get(reverse("results:link", args=[cast.collab.pk, second.round.pk, 1]))
    body = page.content.decode()
    assert "Baten per partij uitschrijven" in body
    assert "Nog bezig" not in body and "Andere schakel" not in body
    assert "+2.00" in body  # party A: 2.00 → 4.00
    earlier = client.get(reverse("results:link", args=[cast.collab.pk, first.round.pk, 1]))
    assert "This is the first shared round" in earlier.content.decode()
    assert "Baten per partij uitschrijven" not in earlier.content.decode()
