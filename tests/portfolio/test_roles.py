"""An organisation's roles: its administrators give and take back the roles of
portfolio manager and administrator — by keyboard-friendly forms with clear errors,
asking before taking a role back, never leaving the organisation without an
administrator; anyone else gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ritsen.collaborations.models import OrganisationRole, OrganisationRoleKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(cast):
    user = UserFactory(email="beheer@aa.example", language="en")
    OrganisationRole.objects.create(
        organisation=cast.party_a.organisation, user=user, role=OrganisationRoleKind.ADMINISTRATOR
    )
    return user


def _roles(cast):
    return reverse("portfolio:roles", args=[cast.party_a.organisation_id])


def test_an_administrator_gives_the_portfolio_manager_role_and_it_shows(login, cast, admin):
    newcomer = UserFactory(email="Manager@Aa.example", name="Mila Manager", language="en")
    client = login(admin)
    page = client.get(_roles(cast)).content.decode()
    assert "Roles in Gemeente Aa" in page and "beheer@aa.example" in page
    done = client.post(
        _roles(cast), {"email": "manager@aa.example", "role": "portfolio_manager"}, follow=True
    ).content.decode()
    assert "Mila Manager is now portfolio manager." in done
    role = OrganisationRole.objects.get(user=newcomer)
    assert (role.role, role.granted_by) == ("portfolio_manager", admin)
    portfolio = login(newcomer).get(
        reverse("portfolio:organisation", args=[cast.party_a.organisation_id])
    )
    assert portfolio.status_code == 200 and "Roles</a>" not in portfolio.content.decode()
    assert (
        "Roles</a>"
        in login(admin)
        .get(reverse("portfolio:organisation", args=[cast.party_a.organisation_id]))
        .content.decode()
    )


def test_bad_input_says_what_is_wrong_and_keeps_what_was_typed(login, cast, admin):
    client = login(admin)
    unknown = client.post(_roles(cast), {"email": "niemand@aa.example", "role": "administrator"})
    body = unknown.content.decode()
    assert unknown.status_code == 200
    assert "There is no account with the address niemand@aa.example." in body
    assert 'value="niemand@aa.example"' in body
    twice = client.post(_roles(cast), {"email": "beheer@aa.example", "role": "administrator"})
    assert "already is administrator of Gemeente Aa." in twice.content.decode()
    malformed = client.post(_roles(cast), {"email": "geen adres", "role": "boss"})
    assert "Enter a valid email address." in malformed.content.decode()
    assert "Select a valid choice." in malformed.content.decode()
    assert OrganisationRole.objects.count() == 1


def test_taking_a_role_back_asks_first_and_keeps_an_administrator(login, cast, admin):
    client = login(admin)
    own = OrganisationRole.objects.get(user=admin)
    revoke = reverse("portfolio:role_revoke", args=[cast.party_a.organisation_id, own.pk])
    asked = client.get(revoke).content.decode()
    assert "Take the role administrator of Gemeente Aa back from" in asked
    refused = client.post(revoke, follow=True).content.decode()
    assert "the organisation&#x27;s last administrator" in refused
    assert OrganisationRole.objects.filter(pk=own.pk).exists()
    other = UserFactory(email="tweede@aa.example", language="en")
    client.post(_roles(cast), {"email": other.email, "role": "administrator"})
    gone = client.post(revoke)  # now one's own role may go: the page is no longer theirs
    assert gone.status_code == 302 and gone["Location"] == reverse("collaborations:list")
    assert list(OrganisationRole.objects.values_list("user", flat=True)) == [other.pk]
    assert login(admin).get(_roles(cast)).status_code == 404


def test_nobody_but_its_administrators_sees_or_changes_the_roles(login, cast, admin):
    manager = UserFactory(email="pm@aa.example")
    role = OrganisationRole.objects.create(
        organisation=cast.party_a.organisation, user=manager,
        role=OrganisationRoleKind.PORTFOLIO_MANAGER,
    )  # fmt: skip
    revoke = reverse("portfolio:role_revoke", args=[cast.party_a.organisation_id, role.pk])
    for user in (manager, cast.coord_a, cast.coord_b, cast.facilitator, cast.outsider):
        client = login(user)
        assert client.get(_roles(cast)).status_code == 404
        assert (
            client.post(_roles(cast), {"email": user.email, "role": "administrator"}).status_code
            == 404
        )
        assert client.post(revoke).status_code == 404
    assert OrganisationRole.objects.count() == 2
    # An administrator of another organisation: nothing here either.
    elsewhere = UserFactory(email="beheer@bee.example")
    OrganisationRole.objects.create(
        organisation=cast.party_b.organisation, user=elsewhere,
        role=OrganisationRoleKind.ADMINISTRATOR,
    )  # fmt: skip
    assert login(elsewhere).get(_roles(cast)).status_code == 404
    assert login(elsewhere).post(revoke).status_code == 404
