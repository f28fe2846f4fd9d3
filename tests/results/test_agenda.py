"""The dialogue agenda as a designed page: its order in one sentence, a table per link
(like the PDF), and a print view whose first page starts with the first item."""

import pytest
from django.urls import reverse

from ritsen.results.scoring import LinkState
from tests.assessments.conftest import close, make_scan, release


@pytest.fixture
def shared(cast):
    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    return scan.round


def test_the_agenda_says_its_order_and_shows_a_table_per_link(login, cast, shared):
    page = login(cast.member_a).get(reverse("results:agenda", args=[cast.collab.pk, shared.pk]))
    html = page.content.decode()
    assert "In deze volgorde: naar toestand (ontbreekt, zwak, uit balans, aandacht, sterk)" in html
    items = page.context["items"]
    assert html.count('class="table agenda__table"') == len(items) == 9
    # The order is the rule's: no item is in a more urgent state than one before it.
    ranks = [link_result.state.rank for _link, link_result, _cells, _details in items]
    assert ranks == sorted(ranks)
    assert all(isinstance(row[1].state, LinkState) for row in items)
