"""The lifecycle's services: guarded transitions with the audit log and the webhook,
the all-parties approval gate, scale events, the exit checklist and the timeline — and
the same through the pages and the API."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope

from ritsen.accounts import tokens
from ritsen.assessments import services as assessments
from ritsen.collaborations import services as collaborations
from ritsen.collaborations.constants import Role, Stage
from ritsen.collaborations.selectors import profile_of
from ritsen.core.errors import ServiceError
from ritsen.lifecycle import checklist, facts, services
from ritsen.lifecycle.models import Approval, AuditEvent, AuditKind, ExitTick
from ritsen.webhooks import services as webhooks
from ritsen.webhooks.models import Delivery
from ritsen.workspace import services as workspace
from ritsen.workspace.registers import processes
from tests.factories import MembershipFactory, PartyFactory
from tests.workspace.test_culture import form as culture_form
from tests.workspace.test_marks import shared  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _share_profiles(cast):
    for party, user in ((cast.party_a, cast.coord_a), (cast.party_b, cast.coord_b)):
        access = cast.access(user)
        with scope(party=[party.pk]):
            profile = collaborations.save_profile(
                profile_of(party), {"who_we_are": "Wij"}, access=access
            )
            collaborations.share_profile(profile, access=access)


def _to_aligning(cast):
    facilitator = cast.access(cast.facilitator)
    services.transition(facilitator, "preparing")
    _share_profiles(cast)
    services.transition(facilitator, "aligning")
    return facilitator


def test_a_transition_saves_the_stage_writes_the_audit_log_and_tells_the_webhooks(cast):
    facilitator = cast.access(cast.facilitator)
    webhooks.add_webhook(
        access=facilitator, url="https://example.org/h", events=["lifecycle.changed"]
    )
    before = timezone.now()
    services.transition(facilitator, "preparing", reason="Iedereen is er")
    cast.collab.refresh_from_db()
    assert cast.collab.stage == Stage.PREPARING and cast.collab.stage_since >= before
    event = AuditEvent.objects.get()
    assert (event.kind, event.actor, event.from_stage, event.to_stage, event.reason) == (
        AuditKind.STAGE_CHANGED,
        cast.facilitator,
        "exploring",
        "preparing",
        "Iedereen is er",
    )
    delivery = Delivery.objects.get()
    assert delivery.event == "lifecycle.changed"
    assert delivery.payload["data"]["from"] == "exploring"
    assert delivery.payload["data"]["collaboration"]["stage"] == "preparing"


def test_only_the_facilitator_moves_the_collaboration_on(cast):
    for user in (cast.coord_a, cast.member_b):
        with pytest.raises(PermissionDenied):
            services.transition(cast.access(user), "preparing")
    assert AuditEvent.objects.count() == 0
    with pytest.raises(ServiceError, match="is not a stage"):
        services.transition(cast.access(cast.facilitator), "somewhere")


def test_a_refused_transition_says_what_is_missing_and_changes_nothing(cast):
    facilitator = cast.access(cast.facilitator)
    services.transition(facilitator, "preparing")
    with pytest.raises(services.GuardRefused) as refused:
        services.transition(facilitator, "aligning")
    assert refused.value.missing == [
        "Every party shares its profile first: Gemeente Aa, Leverancier Bee have not yet."
    ]
    cast.collab.refresh_from_db()
    assert cast.collab.stage == Stage.PREPARING and AuditEvent.objects.count() == 1


def test_active_needs_a_coordinator_of_every_party_and_the_override_for_the_round(
    cast, monkeypatch
):
    monkeypatch.setattr(facts, "REQUIRED_REGISTERS", ())  # the registers' own test is below
    facilitator = _to_aligning(cast)
    services.approve(cast.access(cast.coord_a), "active")
    with pytest.raises(services.GuardRefused) as refused:
        services.transition(facilitator, "active", override="We starten en meten in juni.")
    assert refused.value.missing == [
        "A coordinator of every party approves: Leverancier Bee has not yet."
    ]
    services.approve(cast.access(cast.coord_b), "active")
    services.approve(cast.access(cast.coord_b), "active")  # twice is once
    assert Approval.objects.count() == 2
    assert AuditEvent.objects.filter(kind=AuditKind.APPROVED).count() == 2
    with pytest.raises(services.GuardRefused) as no_round:
        services.transition(facilitator, "active")
    assert no_round.value.missing == ["Share the results of a round of the rits-scan first."]
    services.transition(
        facilitator, "active", reason="Iedereen doet mee", override="We starten en meten in juni."
    )
    event = AuditEvent.objects.filter(kind=AuditKind.STAGE_CHANGED).last()
    assert event.to_stage == "active" and event.reason == "Iedereen doet mee"
    assert event.data == {"override": "We starten en meten in juni."}  # kept as given
    entry = [e for e in services_timeline(cast) if e.kind == "stage"][-1]
    assert entry.detail == "Iedereen doet mee — We starten en meten in juni."
    # Re-founding: back to aligning, where the old approvals no longer count.
    services.transition(facilitator, "aligning", reason="Nieuwe partner, nieuwe afspraken")
    with pytest.raises(services.GuardRefused) as again:
        services.transition(facilitator, "active", override="Door")
    assert "Gemeente Aa, Leverancier Bee have not yet" in again.value.missing[0]


def test_active_needs_the_business_case_and_the_agreements_complete(cast):
    facilitator = _to_aligning(cast)
    with pytest.raises(services.GuardRefused) as refused:
        services.transition(facilitator, "active", override="Door")
    assert refused.value.missing[:2] == [
        "The register “Business case” is not complete yet.",
        "The register “Agreements and contracts” is not complete yet.",
    ]


def test_approving_is_for_coordinators_for_their_own_party_and_when_asked(cast):
    _to_aligning(cast)
    with pytest.raises(PermissionDenied):
        services.approve(cast.access(cast.member_a), "active")
    with pytest.raises(PermissionDenied):
        services.approve(cast.access(cast.facilitator), "active")
    with pytest.raises(Http404):
        services.approve(cast.access(cast.coord_a), "active", party=cast.party_b)
    with pytest.raises(ServiceError, match="does not ask for the parties' approval"):
        services.approve(cast.access(cast.coord_a), "closed")
    assert not Approval.objects.exists()


def test_a_coordinator_withdraws_their_partys_approval_until_the_transition_is_made(
    cast, monkeypatch
):
    monkeypatch.setattr(facts, "REQUIRED_REGISTERS", ())
    facilitator = _to_aligning(cast)
    for user in (cast.coord_a, cast.coord_b):
        services.approve(cast.access(user), "active")
    assert services.withdraw_approval(cast.access(cast.coord_b), "active") is True
    assert services.withdraw_approval(cast.access(cast.coord_b), "active") is False  # once
    assert list(Approval.objects.values_list("party", flat=True)) == [cast.party_a.pk]
    withdrawn = AuditEvent.objects.get(kind=AuditKind.WITHDRAWN)
    assert (withdrawn.actor, withdrawn.party, withdrawn.to_stage) == (
        cast.coord_b, cast.party_b, "active",
    )  # fmt: skip
    with pytest.raises(services.GuardRefused) as refused:
        services.transition(facilitator, "active", override="Door")
    assert refused.value.missing == [
        "A coordinator of every party approves: Leverancier Bee has not yet."
    ]
    # Only a coordinator, only for their own party, only where approval is asked.
    for user in (cast.member_a, cast.facilitator):
        with pytest.raises(PermissionDenied):
            services.withdraw_approval(cast.access(user), "active")
    with pytest.raises(Http404):
        services.withdraw_approval(cast.access(cast.coord_b), "active", party=cast.party_a)
    with pytest.raises(ServiceError, match="does not ask for the parties' approval"):
        services.withdraw_approval(cast.access(cast.coord_a), "closed")
    assert Approval.objects.filter(party=cast.party_a).exists()
    # Approving again counts again; once the transition is made there is nothing to take
    # back: the new stage asks for no approval of its own.
    services.approve(cast.access(cast.coord_b), "active")
    services.transition(facilitator, "active", override="Door")
    with pytest.raises(ServiceError, match="does not ask for the parties' approval"):
        services.withdraw_approval(cast.access(cast.coord_b), "active")


def test_the_page_offers_to_withdraw_an_approval_and_says_what_happened(login, cast):
    _to_aligning(cast)
    cast.coord_a.language = "en"
    cast.coord_a.save()
    client = login(cast.coord_a)
    index = reverse("lifecycle:index", args=[cast.collab.pk])
    page = client.get(index).content.decode()
    assert "Approve on behalf of Gemeente Aa" in page and "Withdraw the approval" not in page
    client.post(reverse("lifecycle:approve", args=[cast.collab.pk]), {"to": "active"})
    page = client.get(index).content.decode()
    assert "Withdraw the approval of Gemeente Aa" in page and "Approve on behalf" not in page
    withdraw = reverse("lifecycle:withdraw_approval", args=[cast.collab.pk])
    done = client.post(withdraw, {"to": "active"}, follow=True).content.decode()
    assert "Your party&#x27;s approval has been withdrawn." in done
    assert "Approve on behalf of Gemeente Aa" in done and not Approval.objects.exists()
    again = client.post(withdraw, {"to": "active"}, follow=True).content.decode()
    assert "Your party had not approved this; nothing changed." in again
    wrong = client.post(withdraw, {"to": "nowhere"}, follow=True).content.decode()
    assert "“nowhere” is not a stage." in wrong


def _activate(cast, monkeypatch):
    monkeypatch.setattr(facts, "REQUIRED_REGISTERS", ())
    facilitator = _to_aligning(cast)
    for user in (cast.coord_a, cast.coord_b):
        services.approve(cast.access(user), "active")
    services.transition(facilitator, "active", override="Door")
    return facilitator


def test_scale_events_are_recorded_while_active_with_who_when_and_why(cast, monkeypatch):
    data = {
        "kind": "grow", "description": "Ook jeugdzorg", "link_keys": ["processes"],
        "effective_on": timezone.localdate(), "reason": "Vraag van de raad",
    }  # fmt: skip
    with pytest.raises(ServiceError, match="while the collaboration is active"):
        services.record_scale_event(cast.access(cast.facilitator), data)
    facilitator = _activate(cast, monkeypatch)
    with pytest.raises(ServiceError, match="Name the party"):
        services.record_scale_event(facilitator, {**data, "kind": "leave"})
    event = services.record_scale_event(facilitator, data)
    assert (event.created_by, event.link_keys, event.party) == (
        cast.facilitator,
        ["processes"],
        None,
    )
    audit = AuditEvent.objects.get(kind=AuditKind.SCALE_EVENT)
    assert audit.data == {"scale_event": event.pk, "kind": "grow"}
    assert "Ook jeugdzorg" in [entry.detail for entry in services_timeline(cast)]


def test_a_joining_party_is_followed_on_its_way_in_until_it_is_prepared(login, cast, monkeypatch):
    facilitator = _activate(cast, monkeypatch)
    index = reverse("lifecycle:index", args=[cast.collab.pk])
    cast.facilitator.language = "en"
    cast.facilitator.save()
    assert "On the way in" not in login(cast.facilitator).get(index).content.decode()
    party_c = collaborations.add_party(access=facilitator, organisation_name="Wijkteam Cee")
    services.record_scale_event(
        facilitator,
        {"kind": "join", "party": party_c, "description": "Wijkteam doet mee",
         "effective_on": timezone.localdate(), "reason": "Meer handen"},
    )  # fmt: skip
    page = login(cast.facilitator).get(index).content.decode()
    assert "On the way in" in page and "Wijkteam Cee" in page
    for missing in ("no coordinator yet", "profile not shared yet", "culture profile not shared"):
        assert missing in page
    assert "included in the next round" in page and "✓ prepared" not in page
    # Its coordinator comes in and shares the profile and the culture profile.
    coord_c = MembershipFactory(
        collaboration=cast.collab, party=party_c, role=Role.COORDINATOR,
        user__email="coord.c@example.org",
    ).user  # fmt: skip
    access = cast.access(coord_c)
    with scope(party=[party_c.pk]):
        profile = collaborations.save_profile(
            profile_of(party_c), {"who_we_are": "Wij"}, access=access
        )
        collaborations.share_profile(profile, access=access)
    client = login(coord_c)
    client.post(
        reverse("workspace:culture_profile", args=[cast.collab.pk, party_c.pk]),
        culture_form([25, 25, 25, 25]),
    )
    client.post(reverse("workspace:culture_share", args=[cast.collab.pk, party_c.pk]))
    page = login(cast.facilitator).get(index).content.decode()
    assert "✓ has a coordinator" in page and "✓ profile shared" in page
    assert "✓ culture profile shared" in page and "✓ prepared" in page
    # The next round measures it; a party that leaves is no longer on the way in.
    assessments.open_round(access=facilitator, title="Met Cee")
    page = login(cast.facilitator).get(index).content.decode()
    assert "measured in round “Met Cee”" in page
    services.record_scale_event(
        facilitator,
        {"kind": "leave", "party": party_c, "description": "Toch niet",
         "effective_on": timezone.localdate(), "reason": "Geen capaciteit"},
    )  # fmt: skip
    assert "On the way in" not in login(cast.facilitator).get(index).content.decode()


def test_the_open_exit_tasks_cost_the_same_queries_for_any_number_of_parties(cast, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    facilitator = _activate(cast, monkeypatch)
    services.transition(facilitator, "unzipping", reason="Klaar")

    def counted():
        access = cast.access(cast.facilitator)
        with CaptureQueriesContext(connection) as queries:
            found = checklist.open_count(access, access.parties())
        return found, len(queries)

    two, two_queries = counted()
    collaborations.add_party(access=facilitator, organisation_name="Wijkteam Cee")
    three, three_queries = counted()
    assert three > two > 0 and three_queries == two_queries


def services_timeline(cast):
    from ritsen.lifecycle.selectors import timeline

    return timeline(cast.access(cast.member_a))


def test_closing_waits_for_the_exit_checklist_generated_from_the_workspace(cast, monkeypatch):
    facilitator = _activate(cast, monkeypatch)
    made = workspace.create_item(
        access=facilitator, kind=processes.PROCESSES, register=processes.REGISTER,
        data={"name": "Intake", "purpose": ""},
    )  # fmt: skip
    workspace.create_item(
        access=facilitator, kind=processes.STEPS, register=processes.REGISTER,
        data={"process": made, "number": 1, "title": "Aannemen", "party": cast.party_b},
    )  # fmt: skip
    services.transition(facilitator, "unzipping", reason="De opdracht is af")
    tasks = {party: checklist.tasks(facilitator, party) for party in (cast.party_a, cast.party_b)}
    assert "Reassign this step to another party." in [t.task.todo for t in tasks[cast.party_b]]
    open_count = sum(len(found) for found in tasks.values())
    with pytest.raises(services.GuardRefused) as refused:
        services.transition(facilitator, "closed")
    assert refused.value.missing == [f"{open_count} tasks of the exit checklist are not done yet."]
    # Each party's own people tick its tasks; another party's may not.
    own = {cast.party_a: cast.access(cast.member_a), cast.party_b: cast.access(cast.member_b)}
    with pytest.raises(PermissionDenied):
        services.tick(own[cast.party_a], cast.party_b, tasks[cast.party_b][0].key)
    for party, found in tasks.items():
        for task in found:
            services.tick(own[party], party, task.key)
    member = own[cast.party_a]
    with pytest.raises(ServiceError, match="not on the exit checklist"):
        services.tick(member, cast.party_a, "made-up:task:")
    services.tick(member, cast.party_a, tasks[cast.party_a][0].key, done=False)
    undone = AuditEvent.objects.filter(kind=AuditKind.EXIT_TASK).last()
    assert undone.data["done"] is False and undone.actor == cast.member_a
    with pytest.raises(services.GuardRefused):
        services.transition(facilitator, "closed")
    services.tick(cast.access(cast.facilitator), cast.party_a, tasks[cast.party_a][0].key)
    services.transition(facilitator, "closed")
    cast.collab.refresh_from_db()
    assert cast.collab.stage == Stage.CLOSED and ExitTick.objects.count() == open_count
    stages = [e.title for e in services_timeline(cast) if e.kind == "stage"]
    assert stages[0] == "The collaboration was started."
    assert stages[-1] == "From “unzipping” to “closed”"


def test_the_pages_say_what_happened_what_is_refused_and_what_is_empty(login, cast, monkeypatch):
    for user in (cast.facilitator, cast.coord_a):
        user.language = "en"
        user.save()
    facilitator = login(cast.facilitator)
    index = reverse("lifecycle:index", args=[cast.collab.pk])
    move = reverse("lifecycle:move", args=[cast.collab.pk])
    assert "No scale events yet." in facilitator.get(index).content.decode()
    refused = facilitator.post(move, {"to": "preparing", "override": "Toch"}, follow=True)
    assert "This transition has no guard to override." in refused.content.decode()
    moved = facilitator.post(move, {"to": "preparing"}, follow=True).content.decode()
    assert "The collaboration is now “preparing”." in moved
    _share_profiles(cast)
    facilitator.post(move, {"to": "aligning"})
    approved = login(cast.coord_a).post(
        reverse("lifecycle:approve", args=[cast.collab.pk]), {"to": "active"}, follow=True
    )
    assert "Your party&#x27;s approval has been recorded." in approved.content.decode()
    monkeypatch.setattr(facts, "REQUIRED_REGISTERS", ())
    services.approve(cast.access(cast.coord_b), "active")
    services.transition(cast.access(cast.facilitator), "active", override="Door")
    facilitator = login(cast.facilitator)  # one client: logged in as the coordinator above
    recorded = facilitator.post(
        index,
        {"kind": "grow", "description": "Ook jeugdzorg", "link_keys": ["processes"],
         "effective_on": timezone.localdate().isoformat(), "reason": "Vraag van de raad"},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "The scale event has been recorded." in recorded and "Ook jeugdzorg" in recorded
    # A party of another collaboration is refused by the service (the form offers none).
    other = PartyFactory()
    with pytest.raises(ServiceError, match="This party is not in the collaboration."):
        services.record_scale_event(
            cast.access(cast.facilitator),
            {"kind": "join", "party": other, "description": "x",
             "effective_on": timezone.localdate(), "reason": "y"},
        )  # fmt: skip
    services.transition(cast.access(cast.facilitator), "unzipping", reason="Klaar")
    monkeypatch.setattr(checklist, "open_count", lambda access, parties: 0)
    services.transition(cast.access(cast.facilitator), "closed")
    ended = facilitator.get(index).content.decode()
    assert "This collaboration has ended: there is no next stage." in ended


def test_the_pages_explain_what_is_missing_and_move_on(login, cast):
    cast.facilitator.language = "en"
    cast.facilitator.save()
    client = login(cast.facilitator)
    url = reverse("lifecycle:index", args=[cast.collab.pk])
    page = client.get(url).content.decode()
    assert 'aria-current="step">Exploring</li>' in page and "Move to “preparing”" in page
    moved = client.post(reverse("lifecycle:move", args=[cast.collab.pk]), {"to": "preparing"})
    assert moved.status_code == 302
    refused = client.post(
        reverse("lifecycle:move", args=[cast.collab.pk]), {"to": "aligning"}, follow=True
    )
    assert "Every party shares its profile first" in refused.content.decode()
    cast.collab.refresh_from_db()
    assert cast.collab.stage == Stage.PREPARING
    timeline = client.get(reverse("lifecycle:timeline", args=[cast.collab.pk])).content.decode()
    assert "From “exploring” to “preparing”" in timeline


def _api(client, user, method, path, body=None):
    secret = tokens.create_token(user, name="t").secret
    return client.generic(
        method, f"/api/v1{path}", json.dumps(body) if body is not None else "",
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}",
    )  # fmt: skip


def test_the_api_moves_on_approves_and_reads_the_timeline(client, cast, monkeypatch):
    monkeypatch.setattr(facts, "REQUIRED_REGISTERS", ())
    base = f"/collaborations/{cast.collab.pk}"
    moved = _api(
        client, cast.facilitator, "POST", f"{base}/lifecycle/transitions", {"to": "preparing"}
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "preparing"
    refused = _api(
        client, cast.facilitator, "POST", f"{base}/lifecycle/transitions", {"to": "aligning"}
    )
    assert refused.status_code == 409 and refused.json()["code"] == "not_ready"
    assert len(refused.json()["missing"]) == 1
    _share_profiles(cast)
    _api(client, cast.facilitator, "POST", f"{base}/lifecycle/transitions", {"to": "aligning"})
    for user in (cast.coord_a, cast.coord_b):
        approved = _api(client, user, "POST", f"{base}/lifecycle/approvals", {"to": "active"})
        assert approved.status_code == 201 and approved.json()["to_stage"] == "active"
    withdrawn = _api(client, cast.coord_b, "DELETE", f"{base}/lifecycle/approvals/active")
    assert withdrawn.status_code == 204 and Approval.objects.count() == 1
    refused = _api(
        client, cast.facilitator, "POST", f"{base}/lifecycle/transitions",
        {"to": "active", "override": "We starten toch"},
    )  # fmt: skip
    assert refused.status_code == 409 and "Leverancier Bee" in refused.json()["missing"][0]
    _api(client, cast.coord_b, "POST", f"{base}/lifecycle/approvals", {"to": "active"})
    active = _api(
        client, cast.facilitator, "POST", f"{base}/lifecycle/transitions",
        {"to": "active", "override": "We starten toch"},
    )  # fmt: skip
    assert active.status_code == 200 and active.json()["stage"] == "active"
    cast.member_b.language = "en"  # the API answers in the token owner's language
    cast.member_b.save()
    timeline = _api(client, cast.member_b, "GET", f"{base}/timeline").json()
    assert timeline["stage"] == "active"
    assert [e["title"] for e in timeline["entries"] if e["kind"] == "stage"][-1] == (
        "From “aligning” to “active”"
    )
    bad = _api(client, cast.facilitator, "POST", f"{base}/lifecycle/transitions", {"to": "x"})
    assert bad.status_code == 422


def test_the_shared_report_lists_the_scale_events_since_the_previous_round(
    cast,
    monkeypatch,
    shared,  # noqa: F811 - the fixture
):
    from ritsen.reports import services as reports

    facilitator = _activate(cast, monkeypatch)
    services.record_scale_event(
        facilitator,
        {"kind": "join", "party": cast.party_b, "description": "Bee sluit aan voor de ICT",
         "link_keys": [], "effective_on": timezone.localdate(), "reason": "Meer capaciteit"},
    )  # fmt: skip
    report = reports.build_report(shared, language="en")
    assert [event.description for event in report.scale_events] == ["Bee sluit aan voor de ICT"]
    body = reports.page_body(report)
    assert "Since the previous round" in body and "A party joins" in body
    own = reports.build_report(shared, party=cast.party_a, language="en")
    assert own.scale_events == []  # a party's own report names no other party


def test_exit_tasks_are_ticked_only_while_leaving_and_for_a_party_of_this_collaboration(
    login, cast
):
    from ritsen.collaborations.models import Party
    from tests.factories import CollaborationFactory, PartyFactory

    with pytest.raises(ServiceError, match="while a party leaves"):
        services.tick(cast.access(cast.coord_a), cast.party_a, "business_case:0:goals:1")
    other = PartyFactory(collaboration=CollaborationFactory())
    with pytest.raises(Http404):
        services.tick(cast.access(cast.facilitator), other, "x")
    client = login(cast.coord_a)
    url = reverse("lifecycle:exit", args=[cast.collab.pk])
    assert client.get(url, {"party": other.pk}).status_code == 404
    assert client.get(url, {"party": "abc"}).status_code == 404
    assert client.get(url).status_code == 200 and Party.objects.count() == 3
