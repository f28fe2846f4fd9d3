"""The API's first resources: tokens and the session authenticate, outsiders get 404,
a read-only token writes nothing, lists are paginated with their total, errors are
JSON with a code, and the shared results are the zipper page's figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ritsen.accounts import tokens
from ritsen.api.api import api
from tests.assessments.conftest import close, make_scan, release

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[2] / "ritsen" / "api" / "openapi.json"


def bearer(user, *, read_only=False) -> dict:
    secret = tokens.create_token(user, name="test", read_only=read_only).secret
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_without_a_valid_token_the_answer_is_401_as_json(client):
    response = client.get("/api/v1/collaborations")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    wrong = client.get("/api/v1/collaborations", HTTP_AUTHORIZATION="Bearer rit_nonsense")
    assert wrong.status_code == 401


def test_a_token_lists_my_collaborations_with_the_total(client, cast):
    response = client.get("/api/v1/collaborations?limit=1", **bearer(cast.coord_a))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and len(body["items"]) == 1
    item = body["items"][0]
    assert item["name"] == "Eén loket" and item["my_role"] == "coordinator"
    assert item["my_party"]["id"] == cast.party_a.pk
    assert item["framework"]["slug"] == "ritsen-9"


def test_outsiders_get_404_and_the_session_works_too(client, cast, login):
    url = f"/api/v1/collaborations/{cast.collab.pk}"
    assert client.get(url, **bearer(cast.outsider)).status_code == 404
    assert client.get(url, **bearer(cast.outsider)).json()["code"] == "not_found"
    session = login(cast.member_b).get(url)
    assert session.status_code == 200
    assert [p["name"] for p in session.json()["parties"]] == ["Gemeente Aa", "Leverancier Bee"]


def test_shared_results_only_once_shared_and_as_on_the_zipper_page(client, cast):
    scan = make_scan(cast)  # A rates 4, B rates 2
    url = f"/api/v1/collaborations/{cast.collab.pk}/rounds/{scan.round.pk}/results"
    headers = bearer(cast.member_b)
    assert client.get(url, **headers).status_code == 404  # open: nothing shared
    close(cast, scan.round)
    release(cast, scan.round, cast.party_a)
    assert client.get(url, **headers).status_code == 404  # one party released
    release(cast, scan.round, cast.party_b)
    body = client.get(url, **headers).json()
    assert body["zipper"]["state"] == "jammed" and len(body["links"]) == 9
    first = body["links"][0]
    scores = {p["party_id"]: p for p in first["parties"]}
    assert scores[cast.party_a.pk]["mean"] == 4.0 and scores[cast.party_b.pk]["mean"] == 2.0
    assert first["state"] == "weak" and body["agenda"][0] in range(1, 10)
    rounds = client.get(f"/api/v1/collaborations/{cast.collab.pk}/rounds", **headers).json()
    assert rounds["count"] == 1 and rounds["items"][0]["state"] == "shared"


def test_a_withheld_group_shows_no_size(client, cast):
    scan = make_scan(cast, respondents_b=2)  # B below the threshold of 3
    close(cast, scan.round)
    release(cast, scan.round)
    body = client.get(
        f"/api/v1/collaborations/{cast.collab.pk}/rounds/{scan.round.pk}/results",
        **bearer(cast.member_a),
    ).json()
    cell = next(p for p in body["links"][0]["parties"] if p["party_id"] == cast.party_b.pk)
    assert cell == {
        "party_id": cast.party_b.pk,
        "mean": None,
        "n": None,
        "sd": None,
        "withheld": True,
        "statements": None,
        "comments": None,
    }


def test_a_read_only_token_writes_nothing(client, cast):
    response = client.post(
        "/api/v1/collaborations", data={}, content_type="application/json",
        **bearer(cast.facilitator, read_only=True),
    )  # fmt: skip
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_frameworks_are_listed_and_shown(client, cast):
    headers = bearer(cast.member_a)
    listed = client.get("/api/v1/frameworks", **headers).json()
    assert listed["count"] >= 1
    one = client.get("/api/v1/frameworks/ritsen-9/1", **headers).json()
    assert one["links"] == 9 and one["data"]["id"] == "ritsen-9"
    assert client.get("/api/v1/frameworks/ritsen-9/99", **headers).status_code == 404


def test_the_committed_openapi_schema_matches_the_api():
    """Regenerate with `ritsen openapi` when the API changes on purpose."""
    assert json.loads(SCHEMA.read_text()) == json.loads(json.dumps(api.get_openapi_schema()))


def test_the_docs_use_local_assets(client, cast, login):
    page = login(cast.member_a).get("/api/v1/docs")
    assert page.status_code == 200
    assert "cdn." not in page.content.decode()


def test_a_token_starts_and_edits_a_collaboration_and_validation_names_the_field(client, cast):
    headers = bearer(cast.coord_a)
    made = client.post(
        "/api/v1/collaborations", data={"name": "Zorg in de wijk", "purpose": "Samen"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["my_role"] == "facilitator" and body["framework"]["slug"] == "ritsen-9"
    patched = client.patch(
        f"/api/v1/collaborations/{body['id']}", data={"purpose": "Beter samen"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert (
        patched.json()["purpose"] == "Beter samen" and patched.json()["name"] == "Zorg in de wijk"
    )
    # A coordinator of the cast may not edit the cast's collaboration: 403.
    forbidden = client.patch(
        f"/api/v1/collaborations/{cast.collab.pk}", data={"name": "X"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert forbidden.status_code == 403
    invalid = client.post(
        "/api/v1/collaborations", data={"name": ""}, content_type="application/json", **headers
    )
    assert invalid.status_code == 422
    assert invalid.json()["code"] == "validation" and invalid.json()["errors"][0]["field"].endswith(
        "name"
    )


def test_errors_speak_the_caller_s_language(client, cast):
    dutch = client.get("/api/v1/collaborations", HTTP_ACCEPT_LANGUAGE="nl")
    english = client.get("/api/v1/collaborations", HTTP_ACCEPT_LANGUAGE="en")
    assert "toegangstoken" in dutch.json()["detail"]
    assert "access token" in english.json()["detail"]


def test_over_the_rate_limit_a_token_gets_429_with_retry_after(client, cast, monkeypatch):

    from ritsen.api.auth import THROTTLE

    monkeypatch.setattr(THROTTLE, "num_requests", 2)
    headers = bearer(cast.member_a)
    codes = [client.get("/api/v1/collaborations", **headers).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    limited = client.get("/api/v1/collaborations", **headers)
    assert limited.json()["code"] == "rate_limited" and int(limited["Retry-After"]) > 0
    # Another token has its own count.
    assert client.get("/api/v1/collaborations", **bearer(cast.member_b)).status_code == 200
