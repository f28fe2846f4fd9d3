"""The strategy register: each party's strategic goals and how they relate to the shared
goals are its own until every party has shared (other parties and the facilitator get
404, also through the API, and learn only whether it shared); every conflict needs a
decision note."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from ritsen.accounts import tokens
from ritsen.workspace.completeness import PartyRef, RegisterData
from ritsen.workspace.registers import strategy
from ritsen.workspace.registers.business_case import SharedGoal
from ritsen.workspace.registers.strategy import GoalMapping, StrategicGoal

pytestmark = pytest.mark.django_db

AA, BEE = PartyRef(1, "Aa"), PartyRef(2, "Bee")
SHARED = "2026-01-01T00:00:00Z"


def data(**items) -> RegisterData:
    return RegisterData(parties=[AA, BEE], items=items)


def test_completeness_names_only_who_has_not_shared_until_every_party_shared():
    goals = [{"id": 10, "party": 1, "title": "Geheim plan"}]
    with translation.override("en"):
        result = strategy.completeness(
            data(sheets=[{"party": 1, "shared_at": SHARED}], strategic_goals=goals)
        )
        assert result.missing == ("Bee has not shared its strategic goals.",)
    assert not any("Geheim" in text for text in result.missing)
    # Before every party shared, a shared party's goals do not count (nor show): a
    # party that removed its last goal after sharing is not told apart.
    with translation.override("en"):
        emptied = strategy.completeness(data(sheets=[{"party": 1, "shared_at": SHARED}]))
        assert emptied.missing == result.missing
        # Once every party shared, a party without a goal is named.
        empty = strategy.completeness(
            data(sheets=[{"party": 1, "shared_at": SHARED}, {"party": 2, "shared_at": SHARED}])
        )
        assert not empty.complete
        assert {"Aa has no strategic goal.", "Bee has no strategic goal."} <= set(empty.missing)


def test_complete_when_every_goal_is_related_to_every_shared_goal_and_conflicts_decided():
    sheets = [{"party": 1, "shared_at": SHARED}, {"party": 2, "shared_at": SHARED}]
    goals = [{"id": 10, "party": 1, "title": "Groei"}, {"id": 20, "party": 2, "title": "Winst"}]
    shared = [{"id": 1, "title": "Eén loket"}, {"id": 2, "title": "Kortere wachttijd"}]
    mappings = [
        {"strategic_goal": 10, "shared_goal": 1, "stance": "supports", "decision_note": ""},
        {"strategic_goal": 10, "shared_goal": 2, "stance": "neutral", "decision_note": ""},
        {"strategic_goal": 20, "shared_goal": 1, "stance": "supports", "decision_note": ""},
    ]
    with translation.override("en"):
        one_missing = strategy.completeness(
            data(sheets=sheets, strategic_goals=goals, goals=shared, mappings=mappings)
        )
        assert one_missing.missing == (
            "Bee has not yet related each of its strategic goals to every shared goal.",
        )
        conflict = {"strategic_goal": 20, "shared_goal": 2, "stance": "conflicts"}
        undecided = strategy.completeness(
            data(
                sheets=sheets, strategic_goals=goals, goals=shared,
                mappings=[*mappings, {**conflict, "decision_note": "  "}],
            )
        )  # fmt: skip
        assert undecided.missing == (
            "The conflict between “Winst” and “Kortere wachttijd” needs a decision note.",
        )
        decided = strategy.completeness(
            data(
                sheets=sheets, strategic_goals=goals, goals=shared,
                mappings=[*mappings, {**conflict, "decision_note": "We kiezen voor B."}],
            )
        )  # fmt: skip
        assert decided.complete and decided.percent == 100
        no_shared_goals = strategy.completeness(data(sheets=sheets, strategic_goals=goals))
        assert "Add a shared goal (business case) to map the strategies to." in (
            no_shared_goals.missing
        )


def api(client, user, method, path, body=None):
    secret = tokens.create_token(user, name="t").secret
    return client.generic(
        method, f"/api/v1{path}", json.dumps(body) if body is not None else "",
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}",
    )  # fmt: skip


def _goal(client, cast, user, party, title):
    return api(
        client, user, "POST", f"/collaborations/{cast.collab.pk}/workspace/strategic_goals/items",
        {"party": party.pk, "title": title, "horizon": "2030"},
    )  # fmt: skip


def test_a_party_s_strategy_is_hidden_from_everyone_else_until_every_party_shared(
    client, login, cast
):
    base = f"/collaborations/{cast.collab.pk}/workspace"
    shared_goal = SharedGoal.objects.create(
        collaboration=cast.collab, link_key="business_case", title="Eén loket"
    )
    made = _goal(client, cast, cast.member_a, cast.party_a, "Geheime groei")
    assert made.status_code == 201, made.content
    goal_id = made.json()["id"]
    mapping = api(
        client, cast.member_a, "POST", f"{base}/mappings/items",
        {"strategic_goal": goal_id, "shared_goal": shared_goal.pk, "stance": "conflicts"},
    )  # fmt: skip
    assert mapping.status_code == 201, mapping.content
    login(cast.coord_a).post(
        reverse("workspace:strategy_share", args=[cast.collab.pk, cast.party_a.pk])
    )
    page = reverse("workspace:strategy", args=[cast.collab.pk])
    history = reverse("workspace:strategic_goals_history", args=[cast.collab.pk, goal_id])
    for user in (cast.facilitator, cast.coord_b, cast.member_b):
        web = login(user)
        body = web.get(page).content.decode()
        assert "Geheime groei" not in body and "badge-success" in body  # only: A shared
        assert web.get(history).status_code == 404
        assert api(client, user, "GET", f"{base}/strategic_goals/items").json()["items"] == []
        assert (
            api(client, user, "GET", f"{base}/strategic_goals/items/{goal_id}").status_code == 404
        )
        assert api(client, user, "GET", f"{base}/mappings/items").json()["items"] == []
        # Not even by naming it as the goal of a new relation.
        sneaky = api(
            client, user, "POST", f"{base}/mappings/items",
            {"strategic_goal": goal_id, "shared_goal": shared_goal.pk, "stance": "supports"},
        )  # fmt: skip
        assert sneaky.status_code == 422
        workspace = api(client, user, "GET", base).json()["links"]
        assert "Geheime" not in json.dumps(workspace)
    # The facilitator moderates shared items, not a party's private ones.
    assert (
        login(cast.facilitator)
        .get(reverse("workspace:strategic_goals_create", args=[cast.collab.pk]))
        .status_code
        == 403
    )
    # Party B shares (a goal first: sharing an empty strategy is refused).
    share_b = reverse("workspace:strategy_share", args=[cast.collab.pk, cast.party_b.pk])
    login(cast.coord_b).post(share_b)
    assert api(client, cast.member_b, "GET", f"{base}/strategic_goals/items").json()["items"] == []
    _goal(client, cast, cast.member_b, cast.party_b, "Winst")
    login(cast.coord_b).post(share_b)
    cast.facilitator.language = "en"
    cast.facilitator.save()
    body = login(cast.facilitator).get(page).content.decode()
    assert "Geheime groei" in body and "Winst" in body and "decision note missing" in body
    assert "The conflict between “Geheime groei” and “Eén loket” needs a decision note." in body
    listed = api(client, cast.coord_b, "GET", f"{base}/strategic_goals/items").json()["items"]
    assert sorted(item["title"] for item in listed) == ["Geheime groei", "Winst"]
    # Still each party's own to change: B may read A's goal, not change it.
    edit = reverse("workspace:strategic_goals_edit", args=[cast.collab.pk, goal_id])
    assert login(cast.coord_b).get(edit).status_code == 403


def test_the_map_links_each_pair_to_a_prefilled_form_and_one_relation_per_pair(login, cast):
    goal = StrategicGoal.objects.create(
        collaboration=cast.collab, link_key="strategy", party=cast.party_a, title="Groei"
    )
    shared_goal = SharedGoal.objects.create(
        collaboration=cast.collab, link_key="business_case", title="Eén loket"
    )
    client = login(cast.member_a)
    page = client.get(reverse("workspace:strategy", args=[cast.collab.pk])).content.decode()
    create = reverse("workspace:mappings_create", args=[cast.collab.pk])
    prefilled = f"{create}?strategic_goal={goal.pk}&amp;shared_goal={shared_goal.pk}"
    assert prefilled in page
    form = client.get(prefilled.replace("&amp;", "&")).content.decode()
    assert f'<option value="{goal.pk}" selected>' in form
    post = {"strategic_goal": goal.pk, "shared_goal": shared_goal.pk, "stance": "supports"}
    assert client.post(create, post).status_code == 302
    again = client.post(create, {**post, "stance": "neutral"})
    assert again.status_code == 200 and GoalMapping.objects.count() == 1
    assert "already exists" in again.content.decode() or "bestaat al" in again.content.decode()
