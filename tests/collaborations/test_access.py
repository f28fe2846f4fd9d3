"""The one permission table, as a pure rule."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ritsen.collaborations.access import (
    PARTY_PERMS,
    ROLE_GRANTS,
    Outcome,
    Perm,
    decide,
)
from ritsen.collaborations.constants import Role


def test_every_role_may_view_the_collaboration():
    for role in Role.values:
        assert decide(role, Perm.VIEW, own_party=None) is Outcome.ALLOW


def test_a_partys_private_data_is_hidden_from_the_facilitator_and_other_parties():
    for perm in (Perm.SEE_PARTY_DATA, Perm.EDIT_PROFILE, Perm.RELEASE_RESULTS):
        assert decide(Role.FACILITATOR, perm, own_party=None, party=1) is Outcome.HIDDEN
        assert decide(Role.COORDINATOR, perm, own_party=2, party=1) is Outcome.HIDDEN
        assert decide(Role.MEMBER, perm, own_party=2, party=1) is Outcome.HIDDEN


def test_inside_the_party_a_member_reads_and_may_not_write():
    assert decide(Role.MEMBER, Perm.SEE_PARTY_DATA, own_party=1, party=1) is Outcome.ALLOW
    for perm in (Perm.EDIT_PROFILE, Perm.MANAGE_RESPONDENTS, Perm.RELEASE_RESULTS):
        assert decide(Role.MEMBER, perm, own_party=1, party=1) is Outcome.FORBIDDEN


def test_a_party_decides_who_joins_it():
    # Only a party's own coordinators invite into it; the facilitator is outside it.
    assert decide(Role.FACILITATOR, Perm.INVITE_TO_PARTY, own_party=None, party=1) is (
        Outcome.HIDDEN
    )
    assert decide(Role.COORDINATOR, Perm.INVITE_TO_PARTY, own_party=1, party=1) is Outcome.ALLOW
    assert decide(Role.COORDINATOR, Perm.INVITE_TO_PARTY, own_party=2, party=1) is Outcome.HIDDEN
    assert decide(Role.MEMBER, Perm.INVITE_TO_PARTY, own_party=1, party=1) is Outcome.FORBIDDEN
    # The facilitator may invite a party's first coordinator (the services check "first").
    assert decide(Role.FACILITATOR, Perm.INVITE_FIRST_COORDINATOR, own_party=None) is (
        Outcome.ALLOW
    )
    assert decide(Role.COORDINATOR, Perm.INVITE_FIRST_COORDINATOR, own_party=1) is (
        Outcome.FORBIDDEN
    )


def test_collaboration_permissions_are_403_not_404_for_people_inside():
    for perm in (Perm.EDIT_COLLABORATION, Perm.MANAGE_ROUNDS, Perm.MANAGE_PARTIES):
        assert decide(Role.COORDINATOR, perm, own_party=1) is Outcome.FORBIDDEN
        assert decide(Role.MEMBER, perm, own_party=1) is Outcome.FORBIDDEN


def test_the_full_file_needs_a_site_administrator_as_well():
    assert decide(Role.FACILITATOR, Perm.DOWNLOAD_FULL_FILE, own_party=None) is (Outcome.FORBIDDEN)
    assert (
        decide(Role.FACILITATOR, Perm.DOWNLOAD_FULL_FILE, own_party=None, site_admin=True)
        is Outcome.ALLOW
    )
    assert (
        decide(Role.COORDINATOR, Perm.DOWNLOAD_FULL_FILE, own_party=1, site_admin=True)
        is Outcome.FORBIDDEN
    )


def test_own_party_grants_are_party_permissions():
    for grants in ROLE_GRANTS.values():
        assert grants.own_party <= PARTY_PERMS


def test_access_require_raises_404_outside_and_403_inside(cast):
    coordinator_b = cast.access(cast.coord_b)
    with pytest.raises(Http404):
        coordinator_b.require(Perm.SEE_PARTY_DATA, party=cast.party_a)
    member_a = cast.access(cast.member_a)
    with pytest.raises(PermissionDenied):
        member_a.require(Perm.RELEASE_RESULTS, party=cast.party_a)
    member_a.require(Perm.SEE_PARTY_DATA, party=cast.party_a)


def test_a_party_of_another_collaboration_is_404_even_for_its_own_people(cast):
    from tests.factories import OrganisationFactory, PartyFactory

    other = PartyFactory(organisation=OrganisationFactory())
    with pytest.raises(Http404):
        cast.access(cast.facilitator).require(Perm.INVITE_TO_PARTY, party=other)


def test_templates_ask_the_policy(cast):
    assert cast.access(cast.coord_a).may["release_results"] is True
    assert cast.access(cast.member_a).may["release_results"] is False
    assert cast.access(cast.facilitator).may["manage_rounds"] is True
    with pytest.raises(KeyError):
        cast.access(cast.facilitator).may["no_such_permission"]


def test_services_check_the_actor_themselves(cast):
    """The guard is in the service, not only in the view: a command or the API that
    forgets to check still cannot release another party's results."""
    from ritsen.assessments import services
    from tests.assessments.conftest import close, make_scan

    round_ = close(cast, make_scan(cast).round)
    with pytest.raises(Http404):
        services.release(round_, cast.party_a, access=cast.access(cast.coord_b))
    with pytest.raises(PermissionDenied):
        services.release(round_, cast.party_a, access=cast.access(cast.member_a))
    assert not round_.releases.exists()
