"""The API's parties, people, profiles, trends and webhooks: the same services and
rules as the pages — what one party wrote stays with it until every party shared, a
coordinator manages only their own party's invitations, refusals say why in the
caller's language and validation names the field."""

from __future__ import annotations

import json

import pytest

from ritsen.accounts import tokens
from ritsen.webhooks.models import Delivery, Webhook
from tests.assessments.conftest import COMMENT_A, close, make_scan, release

pytestmark = pytest.mark.django_db


class Caller:
    """The test client with one user's token: ``caller.post(path, body)`` → response."""

    def __init__(self, client, user, *, language: str = "en") -> None:
        user.language = language
        user.save(update_fields=["language"])
        self.client = client
        self.headers = {
            "HTTP_AUTHORIZATION": f"Bearer {tokens.create_token(user, name='t').secret}"
        }

    def call(self, method: str, path: str, body: dict | None = None):
        return self.client.generic(
            method,
            "/api/v1" + path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            **self.headers,
        )

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, body=None):
        return self.call("POST", path, body or {})

    def put(self, path, body):
        return self.call("PUT", path, body)

    def patch(self, path, body):
        return self.call("PATCH", path, body)

    def delete(self, path):
        return self.call("DELETE", path)


@pytest.fixture
def as_(client):
    return lambda user, **kw: Caller(client, user, **kw)


def fields(response) -> list[str]:
    assert response.status_code == 422, response.content
    return [error["field"] for error in response.json()["errors"]]


# --- parties ------------------------------------------------------------------------


def test_a_facilitator_adds_renames_and_removes_a_party(cast, as_):
    api = as_(cast.facilitator)
    base = f"/collaborations/{cast.collab.pk}/parties"
    made = api.post(base, {"organisation_name": "  Zorggroep   Cee ", "role": "contractor"})
    assert made.status_code == 201, made.content
    party = made.json()
    assert party["name"] == "Zorggroep Cee" and party["role"] == "contractor"
    assert api.get(base).json()["count"] == 3
    again = api.post(base, {"organisation_name": "zorggroep cee"})
    assert again.status_code == 400 and "already a party" in again.json()["detail"]
    assert fields(api.post(base, {"organisation_name": "X", "role": "boss"})) == ["role"]
    renamed = api.patch(f"{base}/{party['id']}", {"name": "Zorggroep Dee"})
    assert renamed.json() == {**party, "name": "Zorggroep Dee"}
    assert api.delete(f"{base}/{party['id']}").status_code == 204
    assert api.get(f"{base}/{party['id']}").status_code == 404
    # A party that holds people is kept, and the answer says what it holds.
    refused = api.delete(f"{base}/{cast.party_a.pk}")
    assert refused.status_code == 400 and "2 people" in refused.json()["detail"]
    # Only facilitators manage parties.
    assert as_(cast.coord_a).post(base, {"organisation_name": "Y"}).status_code == 403


# --- people -------------------------------------------------------------------------


def test_members_are_listed_by_name_never_by_email(cast, as_):
    body = as_(cast.member_b).get(f"/collaborations/{cast.collab.pk}/members?limit=50")
    members = body.json()
    assert members["count"] == 5
    assert "@" not in body.content.decode()
    mine = [m for m in members["items"] if m["you"]]
    assert len(mine) == 1 and mine[0]["party_id"] == cast.party_b.pk
    assert members["items"][0]["role"] == "facilitator"


def test_a_coordinator_manages_only_invitations_into_their_own_party(cast, as_):
    coord_a, coord_b = as_(cast.coord_a), as_(cast.coord_b)
    base = f"/collaborations/{cast.collab.pk}/invitations"
    body = {"email": "Nieuw@Example.org", "role": "member", "party_id": cast.party_a.pk}
    made = coord_a.post(base, body)
    assert made.status_code == 201, made.content
    invitation = made.json()
    assert invitation["email"] == "nieuw@example.org" and invitation["party_id"] == cast.party_a.pk
    # Into another party: as if it were not there.
    assert coord_b.post(base, body).status_code == 404
    # The same address again: refused, saying so, unless replaced.
    again = coord_a.post(base, body)
    assert again.status_code == 400 and "open invitation" in again.json()["detail"]
    replaced = coord_a.post(base, {**body, "replace": True})
    assert replaced.status_code == 201 and replaced.json()["id"] != invitation["id"]
    assert fields(coord_a.post(base, {**body, "email": "not-an-address"})) == ["email"]
    # Each sees the invitations they may manage.
    assert [i["id"] for i in coord_a.get(base).json()["items"]] == [replaced.json()["id"]]
    assert coord_b.get(base).json()["count"] == 0
    assert as_(cast.member_a).get(base).status_code == 403
    url = f"{base}/{replaced.json()['id']}"
    assert coord_b.delete(url).status_code == 404
    assert coord_a.delete(url).status_code == 204
    assert coord_a.delete(url).status_code == 404  # no longer open
    assert coord_a.get(base).json()["count"] == 0


def test_a_facilitator_invites_facilitators_and_first_coordinators_only(cast, as_):
    api = as_(cast.facilitator)
    base = f"/collaborations/{cast.collab.pk}/invitations"
    assert api.post(base, {"email": "f@example.org", "role": "facilitator"}).status_code == 201
    # Party A already has a coordinator: its own coordinators decide who joins.
    into_a = {"email": "c@example.org", "role": "coordinator", "party_id": cast.party_a.pk}
    assert api.post(base, into_a).status_code == 403
    empty = api.post(
        f"/collaborations/{cast.collab.pk}/parties", {"organisation_name": "Nieuw"}
    ).json()
    first = api.post(base, {**into_a, "party_id": empty["id"]})
    assert first.status_code == 201, first.content
    no_party = api.post(base, {"email": "m@example.org", "role": "member"})
    assert no_party.status_code == 400


# --- profiles -----------------------------------------------------------------------


def profile_path(cast, party) -> str:
    return f"/collaborations/{cast.collab.pk}/parties/{party.pk}/profile"


def answers(response) -> dict:
    return {a["key"]: a["answer"] for a in response.json()["answers"]}


def test_a_profile_stays_with_its_party_until_every_party_has_shared(cast, as_):
    coord_a, coord_b = as_(cast.coord_a), as_(cast.coord_b)
    facilitator, member_a = as_(cast.facilitator), as_(cast.member_a)
    path_a, path_b = profile_path(cast, cast.party_a), profile_path(cast, cast.party_b)
    secret = "Wij zijn de gemeente en willen minder loketten"
    empty = coord_a.get(path_a).json()
    assert empty["status"] == "not_started" and len(empty["answers"]) == 6
    saved = coord_a.put(path_a, {"who_we_are": secret})
    assert saved.status_code == 200 and answers(saved)["who_we_are"] == secret
    assert member_a.get(path_a).json()["status"] == "in_progress"
    assert member_a.put(path_a, {"who_we_are": "x"}).status_code == 403
    # Another party and the facilitator: 404, before and after sharing.
    for outsider in (coord_b, facilitator):
        assert outsider.get(path_a).status_code == 404
        assert outsider.put(path_a, {"who_we_are": "x"}).status_code == 404
    side_by_side = f"/collaborations/{cast.collab.pk}/profiles"
    shared_a = coord_a.post(path_a + "/share")
    assert shared_a.json()["status"] == "shared"
    before = coord_b.get(side_by_side)
    assert before.json()["all_shared"] is False and before.json()["profiles"] == []
    assert (
        secret not in before.content.decode()
        and secret not in facilitator.get(side_by_side).content.decode()
    )
    assert {p["party_id"]: p["status"] for p in before.json()["preparation"]} == {
        cast.party_a.pk: "shared",
        cast.party_b.pk: "not_started",
    }
    # B cannot share an empty profile; once it writes and shares, all is side by side.
    empty_share = coord_b.post(path_b + "/share")
    assert empty_share.status_code == 400 and "at least one" in empty_share.json()["detail"]
    coord_b.put(path_b, {"excellent_at": "Software"})
    coord_b.post(path_b + "/share")
    after = facilitator.get(side_by_side).json()
    assert after["all_shared"] is True
    assert [answers_of["party_id"] for answers_of in after["profiles"]] == [
        cast.party_a.pk,
        cast.party_b.pk,
    ]
    assert secret in json.dumps(after)
    # Now sharing can no longer be withdrawn — said in the caller's language.
    dutch = as_(cast.coord_a, language="nl").post(path_a + "/withdraw")
    assert dutch.status_code == 400 and "niet meer" in dutch.json()["detail"]


def test_a_profile_refuses_unknown_questions_and_withdraws_before_all_shared(cast, as_):
    coord_a = as_(cast.coord_a)
    path = profile_path(cast, cast.party_a)
    assert fields(coord_a.put(path, {"who_we_are": "Wij", "salary": "x"})) == ["salary"]
    assert fields(coord_a.put(path, {"who_we_are": 3})) == ["who_we_are"]
    coord_a.put(path, {"who_we_are": "Wij", "why": "Omdat"})
    coord_a.post(path + "/share")
    withdrawn = coord_a.post(path + "/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "in_progress"
    # PUT replaces: a question left out is emptied.
    assert answers(coord_a.put(path, {"why": "Daarom"}))["who_we_are"] == ""


# --- results and trends -------------------------------------------------------------


def test_shared_results_carry_statement_figures_and_comments_as_the_link_page(cast, as_):
    scan = make_scan(cast, respondents_b=2)  # B is below the anonymity threshold
    close(cast, scan.round)
    release(cast, scan.round)
    body = (
        as_(cast.member_b)
        .get(f"/collaborations/{cast.collab.pk}/rounds/{scan.round.pk}/results")
        .json()
    )
    cells = {p["party_id"]: p for p in body["links"][0]["parties"]}
    a, b = cells[cast.party_a.pk], cells[cast.party_b.pk]
    assert a["comments"] == [COMMENT_A] * 3
    assert {s["n"] for s in a["statements"]} == {3} and a["statements"][0]["dont_know"] == 0
    assert b["statements"] is None and b["comments"] is None


def test_trends_follow_the_shared_rounds(cast, as_):
    api = as_(cast.member_a)
    url = f"/collaborations/{cast.collab.pk}/trends"
    assert api.get(url).json() == {"rounds": [], "links": [], "change_threshold": 0.1}
    first = make_scan(cast, value_a=2)
    close(cast, first.round)
    release(cast, first.round)
    second = make_scan(cast, value_a=4)
    close(cast, second.round)
    assert len(api.get(url).json()["rounds"]) == 1  # the second is not shared yet
    release(cast, second.round)
    body = api.get(url).json()
    assert [r["round_id"] for r in body["rounds"]] == [first.round.pk, second.round.pk]
    link = body["links"][0]
    series = {s["party_id"]: s for s in link["parties"]}
    a = series[cast.party_a.pk]
    assert [p["mean"] for p in a["points"]] == [2.0, 4.0]
    assert a["changes"][0] is None
    assert a["changes"][1] == {"direction": "improved", "difference": 2.0}
    assert series[cast.party_b.pk]["changes"][1]["direction"] == "unchanged"
    assert as_(cast.outsider).get(url).status_code == 404


# --- webhooks -----------------------------------------------------------------------


def test_a_facilitator_manages_webhooks_and_reads_the_delivery_log(cast, as_):
    api = as_(cast.facilitator)
    base = f"/collaborations/{cast.collab.pk}/webhooks"
    made = api.post(base, {"url": "https://hooks.example.org/ritsen", "events": ["round.closed"]})
    assert made.status_code == 201, made.content
    hook = made.json()
    assert hook["secret"].startswith("whsec_") and hook["events"] == ["round.closed"]
    listed = api.get(base).json()
    assert listed["count"] == 1 and "secret" not in listed["items"][0]
    assert fields(api.post(base, {"url": "not a url", "events": ["round.closed"]})) == ["url"]
    assert fields(api.post(base, {"url": "https://x.org", "events": ["party.hacked"]})) == [
        "events"
    ]
    delivery = Delivery.objects.create(
        webhook=Webhook.objects.get(pk=hook["id"]), event="round.closed", payload={}
    )
    log = api.get(f"/collaborations/{cast.collab.pk}/deliveries").json()
    assert [d["id"] for d in log["items"]] == [delivery.pk]
    assert log["items"][0]["event_id"] == str(delivery.event_id)
    resent = api.post(f"/collaborations/{cast.collab.pk}/deliveries/{delivery.pk}/resend")
    assert resent.status_code == 202
    assert as_(cast.coord_a).get(base).status_code == 403
    assert api.delete(f"{base}/{hook['id']}").status_code == 204
    assert api.get(base).json()["count"] == 0
