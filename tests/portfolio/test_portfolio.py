"""Portfolios: who sees which collaborations of an organisation (the policy), what a row
shows (shared results only; a mark where results wait for release), the heatmap's
order, the trajectory, the filters, the downloads, the API — and a query count that
does not grow with the number of collaborations."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ritsen.accounts import tokens
from ritsen.collaborations.constants import PartyRole, Role
from ritsen.collaborations.models import Collaboration, OrganisationRole, OrganisationRoleKind
from ritsen.portfolio import refresh, selectors
from ritsen.portfolio.models import PortfolioEntry, PortfolioLink
from ritsen.workspace import services as workspace
from ritsen.workspace.registers import technology
from tests.assessments.conftest import close, make_scan, release
from tests.factories import (
    CollaborationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(cast):
    """A second collaboration of Gemeente Aa, which nobody of the cast is in."""
    collaboration = CollaborationFactory(name="Jeugdzorg samen")
    PartyFactory(collaboration=collaboration, organisation=cast.party_a.organisation,
                 role=PartyRole.CLIENT)  # fmt: skip
    PartyFactory(collaboration=collaboration, organisation=OrganisationFactory(name="Zorg Cee"))
    return collaboration


@pytest.fixture
def manager(cast):
    user = UserFactory(email="portfolio@aa.example", language="en")
    OrganisationRole.objects.create(
        organisation=cast.party_a.organisation,
        user=user,
        role=OrganisationRoleKind.PORTFOLIO_MANAGER,
    )
    return user


def _page(client, cast, **query):
    url = reverse("portfolio:organisation", args=[cast.party_a.organisation_id])
    return client.get(url, query)


def _names(response) -> list[str]:
    return [row.collaboration.name for row in response.context["portfolio"].rows]


def test_a_portfolio_manager_sees_every_collaboration_the_others_only_their_own(
    login, cast, other, manager
):
    assert _names(_page(login(manager), cast)) == ["Eén loket", "Jeugdzorg samen"]
    assert _names(_page(login(cast.member_a), cast)) == ["Eén loket"]
    for user in (cast.coord_b, cast.facilitator, cast.outsider):
        assert _page(login(user), cast).status_code == 404
    # A manager who is not in a collaboration sees its row, not a link into it.
    html = _page(login(manager), cast).content.decode()
    assert "Jeugdzorg samen<br>" in html and f'href="/collaborations/{other.pk}/"' not in html


def test_once_a_party_s_data_is_erased_its_organisation_no_longer_sees_the_collaboration(
    login, cast, other, manager
):
    from django.utils import timezone

    from ritsen.lifecycle.models import Departure

    party = other.parties.get(organisation=cast.party_a.organisation)
    departure = Departure.objects.create(
        collaboration=other,
        party=party,
        retention_days=30,
        erase_on=timezone.localdate(),
        confirmed_by=cast.coord_a,
    )
    # Confirmed, not yet erased: the party is still on its way out.
    assert _names(_page(login(manager), cast)) == ["Eén loket", "Jeugdzorg samen"]
    departure.erased_at = timezone.now()
    departure.save()
    assert _names(_page(login(manager), cast)) == ["Eén loket"]
    api = tokens.create_token(manager, name="t").secret
    found = login(manager).get(
        f"/api/v1/organisations/{cast.party_a.organisation_id}/portfolio",
        HTTP_AUTHORIZATION=f"Bearer {api}",
    )
    assert [row["name"] for row in found.json()["collaborations"]] == ["Eén loket"]


def test_the_empty_states_say_why_a_portfolio_or_a_row_is_empty(login, cast, other, manager):
    page = _page(login(manager), cast).content.decode()
    assert "no shared round yet" in page and "not measured yet" in page  # no round at all
    filtered = _page(login(manager), cast, stage="closed").content.decode()
    assert "No collaboration matches these filters." in filtered
    cast.coord_a.language = "en"
    cast.coord_a.save()
    none = login(cast.coord_a).get(reverse("portfolio:facilitated")).content.decode()
    assert "No collaborations yet." in none


def test_a_facilitator_s_portfolio_holds_what_they_facilitate(login, cast, other):
    MembershipFactory(user=cast.facilitator, collaboration=other, role=Role.FACILITATOR, party=None)
    response = login(cast.facilitator).get(reverse("portfolio:facilitated"))
    assert _names(response) == ["Eén loket", "Jeugdzorg samen"]
    assert _names(login(cast.coord_a).get(reverse("portfolio:facilitated"))) == []


def test_a_row_shows_shared_results_and_marks_results_that_wait_for_release(login, cast, manager):
    shared = make_scan(cast)
    close(cast, shared.round)
    release(cast, shared.round)
    row = _page(login(manager), cast).context["portfolio"].rows[0]
    assert row.entry.zipper_state and row.entry.last_shared_at is not None
    assert all(cell.state for cell in row.cells)
    assert not row.entry.waiting_release
    weak = {cell.link_key for cell in row.cells if cell.state in ("weak", "missing")}
    assert set(row.entry.weak_links.strip(",").split(",")) - {""} == weak
    waiting = make_scan(cast, value_a=1, value_b=1)
    close(cast, waiting.round)  # closed, nobody released: no new figures, only a mark
    release(cast, waiting.round, cast.party_a)
    row = _page(login(manager), cast).context["portfolio"].rows[0]
    assert row.entry.waiting_release and row.entry.last_shared_at == shared.round.shared_at
    html = _page(login(manager), cast).content.decode()
    assert "results wait for release" in html and "your party's own results" not in html
    # Someone of party A is a click away from the party's own (unreleased) results.
    cast.coord_a.language = "en"
    cast.coord_a.save()
    own = reverse("results:party", args=[cast.collab.pk, waiting.round.pk, cast.party_a.pk])
    page = _page(login(cast.coord_a), cast).content.decode()
    assert f'<a href="{own}">your party\'s own results</a>' in page
    assert all(cell.trend == "" for cell in row.cells)  # still one shared round


def _entry(collaboration, state, completeness, weak_links=""):
    PortfolioEntry.objects.update_or_create(
        collaboration=collaboration,
        defaults={"zipper_state": state, "completeness": completeness, "stale": False,
                  "risk": refresh.RISK_ORDER[state] * 1000 + completeness,
                  "weak_links": weak_links},
    )  # fmt: skip


def test_the_heatmap_puts_the_riskiest_collaboration_first(login, cast, manager):
    made = {}
    for name, state, completeness in (
        ("Dicht", "closed", 10), ("Klem 80", "jammed", 80), ("Nog niet", "", 0),
        ("Klem 20", "jammed", 20), ("Fragiel", "fragile", 90),
    ):  # fmt: skip
        made[name] = CollaborationFactory(name=name)
        PartyFactory(collaboration=made[name], organisation=cast.party_a.organisation)
        _entry(made[name], state, completeness)
    _entry(cast.collab, "closed", 100)
    assert _names(_page(login(manager), cast)) == [
        "Klem 20", "Klem 80", "Fragiel", "Nog niet", "Dicht", "Eén loket"
    ]  # fmt: skip
    assert _names(_page(login(manager), cast, state="jammed")) == ["Klem 20", "Klem 80"]
    _entry(made["Dicht"], "closed", 10, weak_links=",culture,roles,")
    _entry(made["Fragiel"], "fragile", 90, weak_links=",culture,")
    assert _names(_page(login(manager), cast, link="culture")) == ["Fragiel", "Dicht"]
    assert _names(_page(login(manager), cast, link="cult")) == []  # a whole key only
    # Anything but a link key is no filter at all (a NUL would upset PostgreSQL).
    assert len(_names(_page(login(manager), cast, link="cult\x00ure"))) == 6
    shares = dict(
        (link.key, (weak, measured))
        for link, weak, measured in _page(login(manager), cast).context["portfolio"].weak_share
    )
    # Five of the six have a shared round; two are weak on culture, one on roles.
    assert shares["culture"] == (2, 5) and shares["roles"] == (1, 5)
    assert shares["strategy"] == (0, 5)
    assert _names(_page(login(manager), cast, stage="active")) == []
    assert _names(_page(login(manager), cast, stage="nonsense")) != []  # ignored


def test_the_trajectory_says_up_down_or_the_same_since_the_previous_shared_round():
    def link(score, previous):
        return PortfolioLink(link_key="culture", link_id=2, score=score, previous_score=previous)

    assert selectors._trend(link(4.0, 3.5)) == "up"
    assert selectors._trend(link(3.0, 3.5)) == "down"
    assert selectors._trend(link(3.52, 3.5)) == "same"
    assert selectors._trend(link(3.0, None)) == ""


def test_two_shared_rounds_give_each_link_its_trend(login, cast, manager):
    for value in (2, 4):
        scan = make_scan(cast, value_a=value, value_b=value)
        close(cast, scan.round)
        release(cast, scan.round)
    row = _page(login(manager), cast).context["portfolio"].rows[0]
    assert {cell.trend for cell in row.cells} == {"up"}
    assert "↑" in _page(login(manager), cast).content.decode()


def test_a_change_in_the_workspace_marks_the_row_and_the_page_makes_it_anew(login, cast, manager):
    _page(login(manager), cast)
    entry = PortfolioEntry.objects.get(collaboration=cast.collab)
    assert not entry.stale
    workspace.create_item(
        access=cast.access(cast.coord_a), kind=technology.SYSTEMS, register=technology.REGISTER,
        data={"name": "KCS", "owner_party": cast.party_a},
    )  # fmt: skip
    assert PortfolioEntry.objects.get(collaboration=cast.collab).stale
    row = _page(login(manager), cast).context["portfolio"].rows[0]
    assert not PortfolioEntry.objects.get(collaboration=cast.collab).stale
    technology_cell = next(cell for cell in row.cells if cell.link_key == "technology")
    assert technology_cell.completeness == 100


def test_a_download_made_right_after_a_change_is_not_behind_it(login, cast, manager):
    client = login(manager)
    url = reverse("portfolio_exports:organisation_csv", args=[cast.party_a.organisation_id])
    client.get(url)
    workspace.create_item(
        access=cast.access(cast.coord_a), kind=technology.SYSTEMS, register=technology.REGISTER,
        data={"name": "KCS", "owner_party": cast.party_a},
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][rows[0].index("Completeness")] != "0"
    assert not PortfolioEntry.objects.filter(stale=True).exists()


def test_the_page_costs_the_same_queries_at_any_size(login, cast, manager):
    client = login(manager)

    def grow(count):
        for number in range(count):
            collaboration = CollaborationFactory(name=f"Samenwerking {number:03}")
            PartyFactory(collaboration=collaboration, organisation=cast.party_a.organisation)
        refresh.ensure(Collaboration.objects.all())
        refresh.refresh_stale()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert _page(client, cast).status_code == 200
        return len(captured)

    grow(2)
    small = queries()
    grow(12)
    assert queries() == small <= 25


def test_the_downloads_hold_the_filtered_portfolio(login, cast, other, manager):
    client = login(manager)
    url = reverse("portfolio_exports:organisation_csv", args=[cast.party_a.organisation_id])
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"].count("no-store") == 1
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Collaboration", "Partners", "Stage"]
    assert [row[0] for row in rows[1:]] == ["Eén loket", "Jeugdzorg samen"]
    assert "Zorg Cee" in rows[2][1]
    xlsx = client.get(
        reverse("portfolio_exports:organisation_xlsx", args=[cast.party_a.organisation_id]),
        {"partner": cast.party_b.organisation_id},
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Eén loket"]
    assert login(cast.coord_b).get(url).status_code == 404


def test_the_api_gives_the_portfolio_as_the_page_does(client, cast, other, manager):
    secret = tokens.create_token(manager, name="t").secret
    url = f"/api/v1/organisations/{cast.party_a.organisation_id}/portfolio"
    found = client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert found["view"] == "manager" and found["total"] == 2
    assert [row["name"] for row in found["collaborations"]] == ["Eén loket", "Jeugdzorg samen"]
    assert len(found["collaborations"][0]["links"]) == 9 and len(found["weak_links"]) == 9
    outsider = tokens.create_token(cast.outsider, name="t").secret
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {outsider}").status_code == 404
    bad = client.get(url + "?page=0", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert bad.status_code == 422 and json.loads(bad.content)["code"] == "validation"
