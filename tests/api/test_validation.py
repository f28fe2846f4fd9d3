"""Bad input to the API gets a 422 naming the field, in the caller's language — never a
database error: texts without NUL characters and trimmed before their length is
checked, list offsets within bounds."""

from __future__ import annotations

import json

import pytest

from ritsen.accounts import tokens
from ritsen.assessments import services

pytestmark = pytest.mark.django_db


def call(client, user, method, path, body=None, language="en"):
    user.language = language
    user.save(update_fields=["language"])
    secret = tokens.create_token(user, name="t").secret
    return client.generic(
        method, "/api/v1" + path, json.dumps(body) if body is not None else "",
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}",
    )  # fmt: skip


def errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_texts_are_trimmed_before_their_length_and_refuse_nul(client, cast):
    path = f"/collaborations/{cast.collab.pk}/parties"
    blank = call(client, cast.facilitator, "POST", path, {"organisation_name": "   "})
    assert errors(blank) == {"organisation_name": "This field may not be empty."}
    nul = call(client, cast.facilitator, "POST", path, {"organisation_name": "a\u0000b"})
    assert errors(nul) == {"organisation_name": "Null characters are not allowed."}
    profile = f"/collaborations/{cast.collab.pk}/parties/{cast.party_a.pk}/profile"
    assert "who_we_are" in errors(
        call(client, cast.coord_a, "PUT", profile, {"who_we_are": "x\u0000"})
    )


def test_validation_messages_speak_dutch_to_a_dutch_user(client, cast):
    response = call(
        client, cast.facilitator, "POST", f"/collaborations/{cast.collab.pk}/parties",
        {"role": "baas"}, language="nl",
    )  # fmt: skip
    found = errors(response)
    assert found["organisation_name"] == "Dit veld is verplicht."
    assert found["role"].startswith("Kies een van")


def test_a_huge_offset_is_invalid_input_not_a_server_error(client, cast):
    path = f"/collaborations/{cast.collab.pk}/deliveries?offset=100000000000000000000"
    assert "offset" in errors(call(client, cast.facilitator, "GET", path))
    assert "limit" in errors(call(client, cast.facilitator, "GET", path.split("?")[0] + "?limit=0"))


def test_a_respondent_comment_with_nul_is_refused(client, cast):
    round_ = services.open_round(access=cast.access(cast.facilitator), title="R")
    link = services.generate_links(round_, cast.party_a, 1, access=cast.access(cast.coord_a))[0]
    secret = client.post(f"/api/v1/respond/{link.token}/claim").json()["secret"]
    response = client.put(
        f"/api/v1/respond/{secret}/answers",
        json.dumps({"links": {"1": {"answers": {}, "comment": "a\u0000"}}}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "links.1.comment" in errors(response)


def test_a_coordinator_cannot_see_or_replace_another_party_s_invitation(client, cast):
    path = f"/collaborations/{cast.collab.pk}/invitations"
    body = {"email": "x@example.org", "role": "member"}
    made = call(client, cast.coord_b, "POST", path, {**body, "party_id": cast.party_b.pk})
    assert made.status_code == 201
    for replace in (False, True):
        refused = call(
            client, cast.coord_a, "POST", path,
            {**body, "party_id": cast.party_a.pk, "replace": replace},
        )  # fmt: skip
        assert refused.status_code == 400
        detail = refused.json()["detail"]
        assert "cannot be invited now" in detail and "2026" not in detail
    listed = call(client, cast.coord_b, "GET", path).json()
    assert [i["id"] for i in listed["items"]] == [made.json()["id"]]  # still open


def test_a_body_that_is_not_an_object_is_refused_not_read_as_one(client, cast):
    """A JSON string is no object: its ``str.title`` must not become a round's title."""
    for path in (
        f"/collaborations/{cast.collab.pk}/rounds",
        f"/collaborations/{cast.collab.pk}/actions",
    ):
        secret = tokens.create_token(cast.facilitator, name="t").secret
        response = client.post(
            "/api/v1" + path, '"AAA"', content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )  # fmt: skip
        assert response.status_code == 422, (path, response.content)
    assert not cast.collab.rounds.exists()
