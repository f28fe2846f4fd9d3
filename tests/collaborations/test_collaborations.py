from django.urls import reverse

from ritsen.collaborations.constants import Role
from ritsen.collaborations.models import Collaboration, Membership, Organisation
from tests.factories import OrganisationFactory


def test_list_shows_only_my_collaborations(login, cast):
    page = login(cast.outsider).get(reverse("collaborations:list"))
    body = page.content.decode()
    assert "Elders" in body
    assert "Eén loket" not in body


def test_empty_state_for_a_new_user(login, django_user_model):
    user = django_user_model.objects.create_user(email="nieuw@example.org", password="x")
    page = login(user).get(reverse("collaborations:list"))
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 0
    assert reverse("collaborations:create") in page.content.decode()


def test_list_is_paginated(login, cast):
    from tests.factories import CollaborationFactory, MembershipFactory

    for _ in range(25):
        MembershipFactory(user=cast.outsider, collaboration=CollaborationFactory())
    client = login(cast.outsider)
    first = client.get(reverse("collaborations:list"))
    assert len(first.context["page"].object_list) == 20
    second = client.get(reverse("collaborations:list"), {"page": 2})
    assert len(second.context["page"].object_list) == 6


def test_create_makes_the_creator_facilitator(login, cast):
    client = login(cast.outsider)
    framework = cast.collab.framework
    response = client.post(
        reverse("collaborations:create"),
        {
            "name": "Regionale zorgketen",
            "purpose": "Samen zorg dichtbij",
            "framework": framework.pk,
        },
    )
    collaboration = Collaboration.objects.get(name="Regionale zorgketen")
    assert response["Location"] == reverse("collaborations:party_add", args=[collaboration.pk])
    membership = Membership.objects.get(user=cast.outsider, collaboration=collaboration)
    assert membership.role == Role.FACILITATOR
    assert collaboration.framework == framework


def test_create_with_missing_fields_keeps_input_and_shows_errors(login, cast):
    response = login(cast.outsider).post(
        reverse("collaborations:create"), {"name": "Alleen een naam"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["purpose"]
    assert "Alleen een naam" in response.content.decode()


def test_add_party_reuses_existing_organisation_case_insensitively(login, cast):
    existing = OrganisationFactory(name="Zorggroep Noord")
    login(cast.facilitator).post(
        reverse("collaborations:party_add", args=[cast.collab.pk]),
        {"new_organisation": "zorggroep noord", "role": "partner"},
    )
    assert Organisation.objects.filter(name__iexact="zorggroep noord").count() == 1
    assert cast.collab.parties.filter(organisation=existing).exists()


def test_add_party_twice_is_refused_with_a_message(login, cast):
    response = login(cast.facilitator).post(
        reverse("collaborations:party_add", args=[cast.collab.pk]),
        {"new_organisation": "Gemeente Aa", "role": "client"},
    )
    assert response.status_code == 200
    assert "Gemeente Aa is al een partij in deze samenwerking" in str(
        response.context["form"].non_field_errors()
    )


def test_add_party_needs_an_organisation(login, cast):
    response = login(cast.facilitator).post(
        reverse("collaborations:party_add", args=[cast.collab.pk]), {"role": "client"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_organisation"]


def test_party_choice_lists_only_organisations_from_my_collaborations(login, cast):
    OrganisationFactory(name="Geheime Partner BV")
    page = login(cast.facilitator).get(reverse("collaborations:party_add", args=[cast.collab.pk]))
    assert "Geheime Partner BV" not in page.content.decode()


def test_edit_does_not_change_the_pinned_framework(login, cast):
    framework = cast.collab.framework
    login(cast.facilitator).post(
        reverse("collaborations:edit", args=[cast.collab.pk]),
        {"name": "Nieuwe naam", "purpose": "Nieuw doel", "framework": 999},
    )
    cast.collab.refresh_from_db()
    assert cast.collab.name == "Nieuwe naam"
    assert cast.collab.framework == framework


def test_cannot_remove_the_last_facilitator(login, cast):
    membership = Membership.objects.get(user=cast.facilitator, collaboration=cast.collab)
    login(cast.facilitator).post(
        reverse("collaborations:membership_remove", args=[cast.collab.pk, membership.pk])
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removed_member_loses_access(login, cast):
    membership = Membership.objects.get(user=cast.member_b)
    login(cast.facilitator).post(
        reverse("collaborations:membership_remove", args=[cast.collab.pk, membership.pk])
    )
    page = login(cast.member_b).get(reverse("collaborations:detail", args=[cast.collab.pk]))
    assert page.status_code == 404
