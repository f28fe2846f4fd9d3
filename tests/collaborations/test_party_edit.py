"""A party can be renamed (in this collaboration only) and get another role, and be
removed while it holds nothing yet."""

import pytest
from django.urls import reverse

from ritsen.assessments import services as rounds
from ritsen.collaborations.models import Organisation, Party
from tests.factories import CollaborationFactory, OrganisationFactory, PartyFactory

pytestmark = pytest.mark.django_db


def edit_url(cast, party):
    return reverse("collaborations:party_edit", args=[cast.collab.pk, party.pk])


def test_renaming_a_party_leaves_other_collaborations_alone(login, cast):
    elsewhere = PartyFactory(
        collaboration=CollaborationFactory(), organisation=cast.party_a.organisation
    )
    client = login(cast.facilitator)
    response = client.post(
        edit_url(cast, cast.party_a), {"name": "Gemeente Aa-en-Hunze", "role": "partner"}
    )
    assert response.status_code == 302
    cast.party_a.refresh_from_db()
    elsewhere.refresh_from_db()
    assert cast.party_a.name == "Gemeente Aa-en-Hunze" and cast.party_a.role == "partner"
    assert elsewhere.name == "Gemeente Aa"


def test_a_name_already_in_use_here_is_refused_and_the_input_kept(login, cast):
    client = login(cast.facilitator)
    page = client.post(edit_url(cast, cast.party_a), {"name": "leverancier bee", "role": "client"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "al een partij in deze samenwerking" in html and 'value="leverancier bee"' in html


def test_only_the_facilitator_edits_parties(login, cast):
    assert login(cast.coord_a).get(edit_url(cast, cast.party_a)).status_code == 403


def test_a_party_that_holds_nothing_can_be_removed_after_confirming(login, cast):
    empty = PartyFactory(
        collaboration=cast.collab, organisation=OrganisationFactory(name="Zorg Cee")
    )
    client = login(cast.facilitator)
    url = reverse("collaborations:party_remove", args=[cast.collab.pk, empty.pk])
    page = client.get(url)
    assert "Ja, verwijder" in page.content.decode()
    assert Party.objects.filter(pk=empty.pk).exists()  # a GET removes nothing
    assert client.post(url).status_code == 302
    assert not Party.objects.filter(pk=empty.pk).exists()
    assert Organisation.objects.filter(name="Zorg Cee").exists()


def test_a_party_with_people_or_rounds_is_not_removed_and_says_why(login, cast):
    rounds.open_round(access=cast.access(cast.facilitator), title="Meting")
    client = login(cast.facilitator)
    url = reverse("collaborations:party_remove", args=[cast.collab.pk, cast.party_a.pk])
    response = client.post(url)
    assert response.status_code == 409
    html = response.content.decode()
    assert "2 mensen" in html and "1 rits-scanronde" in html
    assert Party.objects.filter(pk=cast.party_a.pk).exists()
