"""Completeness next to the scores: on the overview's links, in the zipper's table and
on every dialogue-agenda item, which also turns into an action or an agreement."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.assessments.conftest import close, make_scan, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(cast):
    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    cast.member_a.language = "en"
    cast.member_a.save()
    return scan.round


def test_the_zipper_table_and_the_overview_show_each_link_s_register(login, cast, shared):
    client = login(cast.member_a)
    zipper = client.get(
        reverse("results:zipper", args=[cast.collab.pk, shared.pk])
    ).content.decode()
    # Each in the table, in the picture and in the picture's table for screen readers.
    assert zipper.count("register 0%") == 3 * 9
    assert zipper.count("register: not available yet") == 0
    home = client.get(reverse("collaborations:detail", args=[cast.collab.pk])).content.decode()
    assert home.count("register 0%") == 9


def test_an_agenda_item_becomes_an_action_or_an_agreement_for_its_link(login, cast, shared):
    client = login(cast.member_a)
    agenda = client.get(
        reverse("results:agenda", args=[cast.collab.pk, shared.pk])
    ).content.decode()
    create = reverse("workspace:actions_create", args=[cast.collab.pk])
    assert f"{create}?link=business_case" in agenda and agenda.count(create) == 9
    assert reverse("workspace:agreements_create", args=[cast.collab.pk]) + "?link=roles" in agenda
    form = client.get(f"{create}?link=roles").content.decode()
    assert 'value="roles" selected' in form


def test_the_joint_session_keeps_an_outcome_per_agenda_item(login, cast, shared):
    from ritsen.workspace.models import AgendaOutcome

    client = login(cast.member_a)
    url = reverse("workspace:agenda_outcome", args=[cast.collab.pk, shared.pk, "agreements"])
    response = client.post(url, {"note": "  We schrijven samen een escalatieladder.  "})
    assert response.status_code == 302 and response["Location"].endswith("#item-agreements")
    outcome = AgendaOutcome.objects.get()
    assert (
        outcome.note == "We schrijven samen een escalatieladder."
        and outcome.created_by == cast.member_a
    )
    agenda = reverse("results:agenda", args=[cast.collab.pk, shared.pk])
    assert "We schrijven samen een escalatieladder." in client.get(agenda).content.decode()
    printed = client.get(agenda + "?print=1").content.decode()
    assert "We schrijven samen een escalatieladder." in printed and url not in printed
    assert (
        client.post(
            reverse("workspace:agenda_outcome", args=[cast.collab.pk, shared.pk, "geen-schakel"])
        ).status_code
        == 404
    )


def test_an_outcome_needs_a_shared_round(login, cast):
    from ritsen.assessments import services as rounds

    round_ = rounds.open_round(access=cast.access(cast.facilitator), title="Open")
    url = reverse("workspace:agenda_outcome", args=[cast.collab.pk, round_.pk, "culture"])
    assert login(cast.member_a).post(url, {"note": "Te vroeg"}).status_code == 404
