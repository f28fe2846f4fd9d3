"""What an insider attack on the workspace found, each kept from coming back."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scope

from ritsen.collaborations import services as collaborations
from ritsen.core.errors import ServiceError
from ritsen.workspace import consent, services
from ritsen.workspace.actions import ACTIONS
from ritsen.workspace.registers.agreements import AGREEMENTS, Agreement, AgreementState
from ritsen.workspace.registers.business_case import REGISTER as BUSINESS_CASE
from ritsen.workspace.registers.culture import CultureProfile
from tests.workspace.test_culture import form

pytestmark = pytest.mark.django_db


def test_a_party_holding_an_unshared_culture_profile_cannot_be_removed(login, cast):
    """Else the facilitator strips it, and 'every party shared' shows A's profile."""
    url = reverse("workspace:culture_profile", args=[cast.collab.pk, cast.party_b.pk])
    login(cast.member_b).post(url, form([25, 25, 25, 25]))
    facilitator = cast.access(cast.facilitator)
    for membership in cast.collab.memberships.filter(party=cast.party_b):
        collaborations.remove_membership(membership, access=facilitator)
    with pytest.raises(ServiceError):
        collaborations.remove_party(cast.party_b, access=facilitator)


def test_a_shared_culture_profile_is_not_reshaped(login, cast):
    url = reverse("workspace:culture_profile", args=[cast.collab.pk, cast.party_a.pk])
    login(cast.member_a).post(url, form([40, 20, 20, 20]))
    login(cast.coord_a).post(
        reverse("workspace:culture_share", args=[cast.collab.pk, cast.party_a.pk])
    )
    assert login(cast.member_a).post(url, form([10, 10, 10, 70])).status_code == 302
    with scope(party=[cast.party_a.pk]):
        assert CultureProfile.objects.get().scores["now"]["glue"]["clan"] == 40


def test_odd_digits_and_filters_are_no_server_error(login, cast):
    url = reverse("workspace:culture_profile", args=[cast.collab.pk, cast.party_a.pk])
    data = form([25, 25, 25, 25])
    data["now-glue-clan"] = "²"
    assert login(cast.member_a).post(url, data).status_code == 200
    actions = reverse("workspace:actions", args=[cast.collab.pk])
    for party in ("²", "9" * 30):
        assert login(cast.member_a).get(f"{actions}?party={party}").status_code == 200


@pytest.fixture
def agreed(cast):
    agreement = services.create_item(
        access=cast.access(cast.coord_a), kind=AGREEMENTS, register=None,
        data={"text": "A levert", "kind": "may", "from_party": cast.party_a,
              "to_party": cast.party_b, "link_key": "roles"},
    )  # fmt: skip
    consent.accept(agreement, access=cast.access(cast.coord_b))
    agreement.refresh_from_db()
    assert agreement.state == AgreementState.AGREED
    return agreement


def test_only_the_parties_concerned_remove_an_agreement(login, cast, agreed):
    url = reverse("workspace:agreements_delete", args=[cast.collab.pk, agreed.pk])
    assert login(cast.member_a).post(url).status_code == 403
    assert Agreement.objects.exists()
    assert login(cast.coord_b).post(url).status_code == 302
    assert not Agreement.objects.exists()


def test_accepting_a_version_one_did_not_read_is_refused(login, cast):
    agreement = services.create_item(
        access=cast.access(cast.coord_a), kind=AGREEMENTS, register=None,
        data={"text": "Versie 1", "kind": "may", "from_party": cast.party_a,
              "to_party": cast.party_b, "link_key": "roles"},
    )  # fmt: skip
    seen = agreement.updated_at.isoformat()
    services.update_item(
        agreement, access=cast.access(cast.member_a), kind=AGREEMENTS, data={"text": "Versie 2"}
    )
    with pytest.raises(ServiceError):
        consent.accept(agreement, access=cast.access(cast.coord_b), seen=seen)
    agreement.refresh_from_db()
    consent.accept(
        agreement, access=cast.access(cast.coord_b), seen=agreement.updated_at.isoformat()
    )


def test_an_agreement_is_between_two_different_parties(login, cast):
    response = login(cast.coord_a).post(
        reverse("workspace:agreements_create", args=[cast.collab.pk]),
        {"text": "B betaalt A", "kind": "may", "from_party": cast.party_a.pk,
         "to_party": cast.party_a.pk, "link_key": "roles"},
    )  # fmt: skip
    assert response.status_code == 200 and not Agreement.objects.exists()


def test_the_history_survives_a_removed_party(login, cast):
    facilitator = cast.access(cast.facilitator)
    third = collaborations.add_party(access=facilitator, organisation_name="Derde")
    goals = BUSINESS_CASE.kind("goals")
    goal = services.create_item(
        access=facilitator, kind=goals, register=BUSINESS_CASE,
        data={"title": "Doel", "owner_party": third},
    )  # fmt: skip
    services.update_item(goal, access=facilitator, kind=goals, data={"title": "Doel 2"})
    with pytest.raises(ServiceError):  # it holds the goal: not removed in the app
        collaborations.remove_party(third, access=facilitator)
    third.delete()  # the operator's admin can, and the history names it still
    history = reverse("workspace:goals_history", args=[cast.collab.pk, goal.pk])
    assert login(cast.member_a).get(history).status_code == 200


def test_a_reminder_goes_to_the_party_when_its_owner_left(cast):
    from ritsen.workspace.reminders import _recipients

    action = services.create_item(
        access=cast.access(cast.coord_a), kind=ACTIONS, register=None,
        data={"title": "Bellen", "link_key": "roles", "owner_party": cast.party_a,
              "owner": cast.member_a},
    )  # fmt: skip
    assert _recipients(action) == [cast.member_a]
    cast.member_a.memberships.all().delete()
    assert _recipients(action) == [cast.coord_a]


# --- the strategy register and the documents (a second review) ---------------------


def _private_goals(cast, count):
    from ritsen.workspace.registers import strategy

    access = cast.access(cast.member_a)
    for number in range(count):
        services.create_item(
            access=access, kind=strategy.STRATEGIC_GOALS, register=strategy.REGISTER,
            data={"party": cast.party_a, "title": f"Geheim {number}"},
        )  # fmt: skip


def test_a_party_s_private_items_are_not_counted_where_the_facilitator_reads(cast):
    """'3 workspace items' would tell the facilitator how many goals A keeps to itself."""
    from django.utils import translation

    _private_goals(cast, 3)
    facilitator = cast.access(cast.facilitator)
    for membership in cast.collab.memberships.filter(party=cast.party_a):
        collaborations.remove_membership(membership, access=facilitator)
    with translation.override("en"), pytest.raises(ServiceError) as refused:
        collaborations.remove_party(cast.party_a, access=facilitator)
    assert "its own workspace data" in str(refused.value)
    assert "3" not in str(refused.value)


def test_a_private_change_does_not_make_the_shared_report_anew(login, cast):
    """A new rendering (with its time) would tell everyone when A worked on its strategy."""
    from ritsen.reports.models import StoredRendering
    from tests.assessments.conftest import close, make_scan, release

    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    url = reverse("reports:page", args=[cast.collab.pk, scan.round.pk])
    client = login(cast.member_b)
    client.get(url)
    stored = StoredRendering.objects.get(kind="html").pk
    _private_goals(cast, 1)
    client.get(url)
    assert StoredRendering.objects.get(kind="html").pk == stored
    # A change everyone sees does make it anew.
    services.create_item(
        access=cast.access(cast.member_b), kind=BUSINESS_CASE.kinds[0], register=BUSINESS_CASE,
        data={"title": "Eén loket"},
    )  # fmt: skip
    assert "Eén loket" in client.get(url).content.decode()


def test_once_every_party_has_seen_the_others_a_new_party_does_not_reopen_sharing(login, cast):
    """Else a party withdraws and reshapes its profile after seeing the others'."""
    for party, member, coordinator in (
        (cast.party_a, cast.member_a, cast.coord_a),
        (cast.party_b, cast.member_b, cast.coord_b),
    ):
        login(member).post(
            reverse("workspace:culture_profile", args=[cast.collab.pk, party.pk]),
            form([40, 20, 20, 20]),
        )
        login(coordinator).post(reverse("workspace:culture_share", args=[cast.collab.pk, party.pk]))
    collaborations.add_party(access=cast.access(cast.facilitator), organisation_name="Nieuw BV")
    login(cast.coord_a).post(
        reverse("workspace:culture_withdraw", args=[cast.collab.pk, cast.party_a.pk])
    )
    with scope(party=[cast.party_a.pk]):
        profile = CultureProfile.objects.get(party=cast.party_a)
    assert profile.is_shared and profile.revealed_at is not None
