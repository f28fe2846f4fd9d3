"""A whole round scripted through the API (the README's script), and the respondent
operations' rules: a link is claimed once, answers are saved idempotently, a
submission is final, a closed round takes nothing."""

from __future__ import annotations

import json

import pytest

from ritsen.accounts import tokens
from ritsen.assessments import services
from ritsen.frameworks.services import ensure_default_framework

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, client, user=None):
        self.client = client
        self.headers = (
            {"HTTP_AUTHORIZATION": "Bearer " + tokens.create_token(user, name="script").secret}
            if user is not None
            else {}
        )

    def __call__(self, method: str, path: str, body: dict | None = None, status: int = 200):
        response = self.client.generic(
            method, "/api/v1" + path, json.dumps(body) if body is not None else "",
            content_type="application/json", **self.headers,
        )  # fmt: skip
        assert response.status_code == status, (method, path, response.content[:500])
        return response.json() if response.content else None


def all_answers(value: int) -> dict:
    spec = ensure_default_framework().spec
    return {
        "links": {
            str(link.id): {"answers": {s.id: value for s in link.statements}, "comment": ""}
            for link in spec.links
        }
    }


def test_a_whole_round_through_the_api(client, cast):
    facilitator, coord_a, coord_b = (
        Api(client, cast.facilitator),
        Api(client, cast.coord_a),
        Api(client, cast.coord_b),
    )
    respondent = Api(client)
    c = cast.collab.pk
    round_ = facilitator("POST", f"/collaborations/{c}/rounds", {"title": "Via de API"}, 201)
    r = round_["id"]
    secrets_by_party = {}
    for api, party in ((coord_a, cast.party_a), (coord_b, cast.party_b)):
        links = api(
            "POST", f"/collaborations/{c}/rounds/{r}/parties/{party.pk}/links", {"count": 3}, 201
        )
        secrets_by_party[party.pk] = [link["secret"] for link in links]
    for party, value in ((cast.party_a, 4), (cast.party_b, 2)):
        for ticket in secrets_by_party[party.pk]:
            own = respondent("POST", f"/respond/{ticket}/claim", status=201)["secret"]
            respondent("POST", f"/respond/{ticket}/claim", status=409)  # in use now
            form = respondent("GET", f"/respond/{own}")
            assert form["resume_link"] == 1 and len(form["links"]) == 9
            saved = respondent("PUT", f"/respond/{own}/answers", all_answers(value))
            again = respondent("PUT", f"/respond/{own}/answers", all_answers(value))
            assert saved == again and again["resume_link"] is None
            respondent("POST", f"/respond/{own}/submit", status=204)
            respondent("GET", f"/respond/{own}", status=410)  # submitted: no more access
    progress = coord_a("GET", f"/collaborations/{c}/rounds/{r}/parties/{cast.party_a.pk}/progress")
    assert (progress["submitted"], progress["links_claimed"]) == (3, 3)
    facilitator("POST", f"/collaborations/{c}/rounds/{r}/close")
    own = coord_a("GET", f"/collaborations/{c}/rounds/{r}/parties/{cast.party_a.pk}/results")
    assert [p["id"] for p in own["parties"]] == [cast.party_a.pk]  # nothing of B
    coord_a("POST", f"/collaborations/{c}/rounds/{r}/parties/{cast.party_a.pk}/release")
    done = coord_b("POST", f"/collaborations/{c}/rounds/{r}/parties/{cast.party_b.pk}/release")
    assert done["round_state"] == "shared"
    shared = Api(client, cast.member_a)("GET", f"/collaborations/{c}/rounds/{r}/results")
    assert shared["zipper"]["state"] == "jammed"
    # The same figures as the zipper page (the same snapshot).
    from ritsen.assessments.models import Round
    from ritsen.results.selectors import shared_results

    page = shared_results(Round.objects.get(pk=r))
    for link, link_result in zip(shared["links"], page.result.links, strict=True):
        for party in link["parties"]:
            cell = link_result.parties[party["party_id"]]
            assert party["mean"] == float(cell.mean_rounded) and party["n"] == 3


def test_the_respondent_api_refuses_what_the_form_refuses(client, cast):
    coord_a, respondent = Api(client, cast.coord_a), Api(client)
    c = cast.collab.pk
    r = Api(client, cast.facilitator)("POST", f"/collaborations/{c}/rounds", {"title": "R"}, 201)[
        "id"
    ]
    ticket = coord_a(
        "POST", f"/collaborations/{c}/rounds/{r}/parties/{cast.party_a.pk}/links", {"count": 1}, 201
    )[0]["secret"]
    respondent("GET", f"/respond/{ticket}", status=409)  # claim first
    own = respondent("POST", f"/respond/{ticket}/claim", status=201)["secret"]
    respondent("PUT", f"/respond/{own}/answers", {"links": {"42": {"answers": {}}}}, status=400)
    respondent(
        "PUT", f"/respond/{own}/answers", {"links": {"1": {"answers": {"9.9": 3}}}}, status=400
    )
    outside = respondent(
        "PUT", f"/respond/{own}/answers", {"links": {"1": {"answers": {"1.1": 7}}}}, status=400
    )
    assert outside["code"] == "invalid"
    invalid = respondent("PUT", f"/respond/{own}/answers", {"links": "no"}, status=422)
    assert invalid["errors"][0]["field"].startswith("links")
    respondent("GET", "/respond/rit-nonsense", status=404)
    Api(client, cast.facilitator)("POST", f"/collaborations/{c}/rounds/{r}/close")
    respondent("GET", f"/respond/{own}", status=410)


def test_the_questionnaire_reads_in_either_language_without_writing(client, cast):
    from ritsen.assessments.models import Response

    coord_a, respondent = Api(client, cast.coord_a), Api(client)
    c = cast.collab.pk
    r = Api(client, cast.facilitator)("POST", f"/collaborations/{c}/rounds", {"title": "R"}, 201)[
        "id"
    ]
    ticket = coord_a(
        "POST", f"/collaborations/{c}/rounds/{r}/parties/{cast.party_a.pk}/links", {"count": 1}, 201
    )[0]["secret"]
    own = respondent("POST", f"/respond/{ticket}/claim", status=201)["secret"]
    before = list(Response.objects.values())
    english = respondent("GET", f"/respond/{own}?language=en")
    dutch = respondent("GET", f"/respond/{own}")
    assert english["language"] == "en" and english["links"][0]["name"] == "Business case"
    assert dutch["language"] == "nl" and english["links"][1]["name"] != dutch["links"][1]["name"]
    assert list(Response.objects.values()) == before


def test_a_respondent_request_costs_a_fixed_handful_of_queries(
    client, cast, django_assert_max_num_queries
):
    """What ``benchmarks/bench_respondents.py`` measures stays cheap: reading, saving a
    link and submitting each cost a few queries, whatever the round's size."""
    round_ = services.open_round(access=cast.access(cast.facilitator), title="R")
    link = services.generate_links(round_, cast.party_a, 1, access=cast.access(cast.coord_a))[0]
    secret = client.post(f"/api/v1/respond/{link.token}/claim").json()["secret"]
    body = json.dumps({"links": {"1": {"answers": {"1.1": 4}, "comment": "Goed"}}})
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/v1/respond/{secret}").status_code == 200
    for _ in range(2):  # the first save makes nothing new: the claim made the row
        with django_assert_max_num_queries(7):
            saved = client.put(
                f"/api/v1/respond/{secret}/answers", body, content_type="application/json"
            )
        assert saved.json()["links"][0]["statements"][0]["answer"] == 4
    with django_assert_max_num_queries(11):
        assert client.post(f"/api/v1/respond/{secret}/submit").status_code == 204
