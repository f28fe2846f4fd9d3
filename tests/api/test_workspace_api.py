"""The workspace through the API: the same forms, rule and history as the pages."""

from __future__ import annotations

import json

import pytest

from ritsen.accounts import tokens
from ritsen.workspace.models import ExpectedValue, SharedGoal

pytestmark = pytest.mark.django_db


def api(client, user, method, path, body=None):
    secret = tokens.create_token(user, name="t").secret
    return client.generic(
        method, f"/api/v1{path}", json.dumps(body) if body is not None else "",
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}",
    )  # fmt: skip


def test_a_script_fills_the_business_case_and_reads_its_completeness(client, cast):
    base = f"/collaborations/{cast.collab.pk}"
    before = api(client, cast.member_a, "GET", f"{base}/workspace").json()["links"]
    assert before[0]["key"] == "business_case" and before[0]["percent"] == 0
    assert [link["available"] for link in before] == [True] * 9  # every link has a register
    goal = api(
        client, cast.member_a, "POST", f"{base}/workspace/goals/items",
        {"title": "Eén loket", "indicator": "Wachttijd", "target_value": "5.5",
         "target_date": "2027-01-31", "owner_party": cast.party_a.pk},
    )  # fmt: skip
    assert goal.status_code == 201, goal.content
    assert goal.json()["target_value"] == "5.50" and goal.json()["link_key"] == "business_case"
    for user, party in ((cast.coord_a, cast.party_a), (cast.member_b, cast.party_b)):
        for kind, body in (("values", {"kind": "time"}), ("contributions", {"kind": "money"})):
            made = api(
                client, user, "POST", f"{base}/workspace/{kind}/items", {**body, "party": party.pk}
            )
            assert made.status_code == 201, made.content
    after = api(client, cast.facilitator, "GET", f"{base}/workspace").json()["links"][0]
    assert after["percent"] == 100 and after["missing"] == []


def test_patch_changes_only_what_it_names_and_keeps_the_history(client, cast):
    base = f"/collaborations/{cast.collab.pk}/workspace/goals/items"
    made = api(client, cast.coord_a, "POST", base, {"title": "Sneller", "target_unit": "dagen"})
    path = f"{base}/{made.json()['id']}"
    patched = api(client, cast.coord_b, "PATCH", path, {"indicator": "Doorlooptijd"})
    assert patched.status_code == 200, patched.content
    assert patched.json()["title"] == "Sneller" and patched.json()["target_unit"] == "dagen"
    goal = SharedGoal.objects.get()
    assert [h.history_user for h in goal.history.order_by("history_date")] == [
        cast.coord_a,
        cast.coord_b,
    ]


def test_another_party_may_not_change_or_add_in_a_party_s_name(client, cast):
    base = f"/collaborations/{cast.collab.pk}/workspace/values/items"
    made = api(client, cast.coord_a, "POST", base, {"party": cast.party_a.pk, "kind": "money"})
    path = f"{base}/{made.json()['id']}"
    assert api(client, cast.coord_b, "PATCH", path, {"kind": "time"}).status_code == 403
    assert api(client, cast.coord_b, "DELETE", path).status_code == 403
    posed = api(client, cast.coord_b, "POST", base, {"party": cast.party_a.pk, "kind": "time"})
    assert posed.status_code == 422 and posed.json()["errors"][0]["field"] == "party"
    assert ExpectedValue.objects.count() == 1
    assert api(client, cast.facilitator, "DELETE", path).status_code == 204  # moderates


def test_validation_names_the_field_in_the_caller_s_language(client, cast):
    cast.member_a.language = "nl"
    cast.member_a.save()
    response = api(
        client, cast.member_a, "POST", f"/collaborations/{cast.collab.pk}/actions",
        {"title": "Bellen", "link_key": "geen-schakel", "owner_party": cast.party_a.pk},
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "link_key"
    assert "geldige keuze" in response.json()["errors"][0]["message"]
