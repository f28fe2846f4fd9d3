"""A party that leaves: its own file, its coordinator's confirmation with a retention
period, and the erasure afterwards — which removes exactly the party's own data and
keeps exactly what the README says remains."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from ritsen.assessments.models import Response
from ritsen.collaborations import services as collaborations
from ritsen.collaborations.models import (
    Invitation,
    Membership,
    MembershipEvent,
    Party,
    PartyProfile,
)
from ritsen.collaborations.selectors import profile_of
from ritsen.core.errors import ServiceError
from ritsen.lifecycle import departure
from ritsen.lifecycle.models import AuditEvent, AuditKind, Departure, ScaleEvent
from ritsen.results.models import ResultSnapshot
from ritsen.workspace import services as workspace
from ritsen.workspace.registers import agreements, registry, strategy
from ritsen.workspace.registers.culture import CultureProfile
from ritsen.workspace.registers.strategy import GoalMapping, StrategicGoal, StrategySheet
from tests.assessments.conftest import close, make_scan, release

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _fill(cast):
    """A shared round; each party's profile, culture profile and strategic goal; an
    agreement between them."""
    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    for party, user, goal in (
        (cast.party_a, cast.coord_a, "Dichtbij"),
        (cast.party_b, cast.coord_b, "Groei"),
    ):
        access = cast.access(user)
        with scope(party=[party.pk]):
            collaborations.save_profile(
                profile_of(party), {"who_we_are": f"Wij van {party.name}"}, access=access
            )
            CultureProfile.objects.create(party=party, scores={"now": {"leadership": {"clan": 40}}})
        workspace.create_item(
            access=access, kind=strategy.STRATEGIC_GOALS, register=strategy.REGISTER,
            data={"party": party, "title": goal},
        )  # fmt: skip
    workspace.create_item(
        access=cast.access(cast.coord_a), kind=agreements.AGREEMENTS, register=agreements.REGISTER,
        data={"text": "B levert elke week", "from_party": cast.party_b, "to_party": cast.party_a,
              "link_key": "roles"},
    )  # fmt: skip
    return scan.round


def _leave(cast, party):
    ScaleEvent.objects.create(
        collaboration=cast.collab, kind="leave", party=party, description="B stopt",
        effective_on=timezone.localdate(), reason="Contract afgelopen",
    )  # fmt: skip


def test_only_the_party_s_own_coordinator_confirms_once_it_leaves(cast):
    with pytest.raises(ServiceError, match="once it leaves"):
        departure.confirm(cast.access(cast.coord_b), cast.party_b)
    _leave(cast, cast.party_b)
    for user in (cast.member_b, cast.coord_a, cast.facilitator):
        with pytest.raises(PermissionDenied):
            departure.confirm(cast.access(user), cast.party_b)
    for days in (0, 366):
        with pytest.raises(ServiceError, match="from 1 to 365 days"):
            departure.confirm(cast.access(cast.coord_b), cast.party_b, days)
    found = departure.confirm(cast.access(cast.coord_b), cast.party_b)
    assert found.erase_on == timezone.localdate() + datetime.timedelta(days=30)
    audit = AuditEvent.objects.get(kind=AuditKind.DEPARTURE)
    assert (audit.actor, audit.party, audit.data["retention_days"]) == (
        cast.coord_b,
        cast.party_b,
        30,
    )


def test_the_own_file_holds_the_party_s_own_data_and_nothing_private_of_others(cast):
    _fill(cast)
    found = departure.own_file(cast.access(cast.coord_b), cast.party_b)
    text = json.dumps(found, ensure_ascii=False)
    assert found["party"] == "Leverancier Bee"
    assert found["profile"]["answers"]["who_we_are"] == "Wij van Leverancier Bee"
    assert found["culture_profile"] == {"now": {"leadership": {"clan": 40}}}
    assert [goal["title"] for goal in found["strategy"]["goals"]] == ["Groei"]
    assert found["workspace"]["agreements"][0]["text"] == "B levert elke week"
    assert len(found["results"]) == 1 and "business_case" in found["results"][0]["links"]
    assert "Dichtbij" not in text and "Wij van Gemeente Aa" not in text  # party A's own
    with pytest.raises(PermissionDenied):
        departure.own_file(cast.access(cast.coord_a), cast.party_b)


def test_the_erasure_removes_exactly_the_party_s_own_data_after_the_retention(cast):
    round_ = _fill(cast)
    # Party B's people and its goals' map: an invitation, who joined, a mapping.
    coord_b = cast.access(cast.coord_b)
    collaborations.invite(access=coord_b, email="nieuw.b@example.org", role="member",
                          party=cast.party_b)  # fmt: skip
    MembershipEvent.objects.create(
        collaboration=cast.collab, party=cast.party_b, kind="joined", role="member",
        person="Bea Bee",
    )  # fmt: skip
    goals_kind, goals_register = registry.kind("goals")
    shared_goal = workspace.create_item(
        access=cast.access(cast.coord_a), kind=goals_kind, register=goals_register,
        data={"title": "Samen sneller"},
    )  # fmt: skip
    with scope(party=[cast.party_b.pk]):
        goal_b = StrategicGoal.objects.get(party=cast.party_b)
    workspace.create_item(
        access=coord_b, kind=strategy.MAPPINGS, register=strategy.REGISTER,
        data={"strategic_goal": goal_b, "shared_goal": shared_goal, "stance": "supports"},
    )  # fmt: skip
    _leave(cast, cast.party_b)
    confirmed = departure.confirm(cast.access(cast.coord_b), cast.party_b, 7)
    assert departure.erase_due() == ""  # not yet: the retention runs
    with scopes_disabled():
        before = {
            "responses_a": Response.objects.filter(party=cast.party_a).count(),
            "responses_b": Response.objects.filter(party=cast.party_b).count(),
            "goal_history_a": StrategicGoal.history.model.objects.filter(
                party_id=cast.party_a.pk
            ).count(),
            "goals_b": list(
                StrategicGoal.objects.filter(party=cast.party_b).values_list("pk", flat=True)
            ),
        }
        assert CultureProfile.history.model.objects.filter(party_id=cast.party_b.pk).exists()
        assert GoalMapping.history.model.objects.filter(strategic_goal_id=goal_b.pk).exists()
    assert before["responses_b"] > 0
    Departure.objects.filter(pk=confirmed.pk).update(erase_on=timezone.localdate())
    assert departure.erase_due() == "1 departed parties erased"
    with scopes_disabled():
        # Gone: what was the party's own.
        assert not PartyProfile.objects.filter(party=cast.party_b).exists()
        assert not CultureProfile.objects.filter(party=cast.party_b).exists()
        assert not StrategicGoal.objects.filter(party=cast.party_b).exists()
        assert not Response.objects.filter(party=cast.party_b).exists()
        assert not Membership.objects.filter(party=cast.party_b).exists()
        assert not Invitation.objects.filter(party=cast.party_b).exists()
        assert not MembershipEvent.objects.filter(party=cast.party_b).exists()
        # Nor does its change history keep what was private (earlier versions, or the
        # last version the delete itself would write).
        for model in (CultureProfile, StrategySheet, StrategicGoal):
            assert not model.history.model.objects.filter(party_id=cast.party_b.pk).exists()
        assert before["goal_history_a"] > 0
        assert (
            StrategicGoal.history.model.objects.filter(party_id=cast.party_a.pk).count()
            == before["goal_history_a"]
        )
        assert not GoalMapping.history.model.objects.filter(
            strategic_goal_id__in=before["goals_b"]
        ).exists()
        # Kept: the party's name, the shared results, the other party, the shared items.
        assert Party.objects.filter(pk=cast.party_b.pk).exists()
        assert ResultSnapshot.objects.filter(round=round_).exists()
        assert Response.objects.filter(party=cast.party_a).count() == before["responses_a"]
        assert PartyProfile.objects.filter(party=cast.party_a).exists()
        assert StrategicGoal.objects.filter(party=cast.party_a).exists()
        assert agreements.Agreement.objects.filter(from_party=cast.party_b).exists()
    erased = AuditEvent.objects.get(kind=AuditKind.ERASED)
    assert erased.data["removed"]["responses"] == before["responses_b"]
    assert Departure.objects.get().erased_at is not None
    assert departure.erase_due() == ""  # once


def test_the_exit_page_lets_the_coordinator_download_and_confirm(login, cast):
    _fill(cast)
    _leave(cast, cast.party_b)
    cast.coord_b.language = "en"
    cast.coord_b.save()
    client = login(cast.coord_b)
    page = client.get(reverse("lifecycle:exit", args=[cast.collab.pk]), {"party": cast.party_b.pk})
    assert "Download our own data (JSON)" in page.content.decode()
    download = client.get(reverse("lifecycle:own_file", args=[cast.collab.pk, cast.party_b.pk]))
    assert download.status_code == 200 and download["Cache-Control"].count("no-store") == 1
    assert json.loads(download.content)["party"] == "Leverancier Bee"
    confirmed = client.post(
        reverse("lifecycle:depart", args=[cast.collab.pk, cast.party_b.pk]),
        {"retention_days": "abc"}, follow=True,
    )  # fmt: skip
    assert "Keep the data from 1 to 365 days." in confirmed.content.decode()
    client.post(
        reverse("lifecycle:depart", args=[cast.collab.pk, cast.party_b.pk]),
        {"retention_days": "14"},
    )
    assert Departure.objects.get(party=cast.party_b).retention_days == 14
    other = login(cast.coord_a).get(
        reverse("lifecycle:own_file", args=[cast.collab.pk, cast.party_b.pk])
    )
    assert other.status_code == 404
