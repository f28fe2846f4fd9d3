"""The culture register: each party's culture profile is its own until every party has
shared (other parties and the facilitator get 404 on it, and see only whether it is
shared); then the kite chart and the differences per type, and a large difference asks
for a bridging agreement."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ritsen.workspace.completeness import PartyRef, RegisterData
from ritsen.workspace.registers import culture
from ritsen.workspace.registers.culture import ASPECTS, TYPE_KEYS, CultureProfile

pytestmark = pytest.mark.django_db


def scores(now: list[int], preferred: list[int] | None = None) -> dict:
    def block(points):
        return {aspect: dict(zip(TYPE_KEYS, points, strict=True)) for aspect, _l in ASPECTS}

    return {"now": block(now), "preferred": block(preferred or now)}


def form(now: list[int], preferred: list[int] | None = None) -> dict:
    data = {}
    for moment, block in scores(now, preferred).items():
        for aspect, points in block.items():
            for key, value in points.items():
                data[f"{moment}-{aspect}-{key}"] = str(value)
    return data


def test_scores_must_be_whole_points_adding_up_to_100_per_row():
    assert culture.score_problems(scores([25, 25, 25, 25])) == []
    wrong = scores([25, 25, 25, 25])
    wrong["now"]["leadership"]["clan"] = 15
    wrong["preferred"]["glue"]["market"] = "veel"
    assert culture.score_problems(wrong) == [
        ("now", "leadership", "90"),
        ("preferred", "glue", "missing"),
    ]


def test_a_difference_of_20_points_asks_for_a_bridge_19_does_not():
    a, b = scores([40, 20, 20, 20]), scores([20, 20, 40, 20])
    assert culture.large_differences([a, b]) == ["clan", "market"]
    assert culture.large_differences([a, scores([21, 39, 20, 20])]) == []
    one, two = PartyRef(1, "Aa"), PartyRef(2, "Bee")
    rows = [
        {"party": 1, "shared_at": "x", "scores": a},
        {"party": 2, "shared_at": "x", "scores": b},
    ]
    with translation.override("en"):
        result = culture.completeness(
            RegisterData(
                [one, two], {"sheets": rows, "bridges": [{"type_key": "clan", "note": "Ja"}]}
            )
        )
        unshared = culture.completeness(RegisterData([one, two], {"sheets": rows[:1]}))
    assert result.missing == ("The difference on “Achiever” asks for a bridging agreement.",)
    assert unshared.missing == ("Bee has not shared its culture profile.",)


def test_a_party_fills_in_its_profile_row_by_row(login, cast):
    cast.member_a.language = "en"
    cast.member_a.save()
    url = reverse("workspace:culture_profile", args=[cast.collab.pk, cast.party_a.pk])
    client = login(cast.member_a)
    data = form([40, 30, 20, 10])
    data["now-leadership-clan"] = "30"
    wrong = client.post(url, data)
    body = wrong.content.decode()
    assert wrong.status_code == 200 and "These add up to 90, not 100." in body
    assert 'name="now-leadership-clan" type="number" min="0" max="100" step="1"' in body
    assert 'value="30"' in body  # what was entered stays
    assert not CultureProfile.objects.exists()
    assert client.post(url, form([40, 30, 20, 10])).status_code == 302
    with culture_scope(cast.party_a):
        assert CultureProfile.objects.get().scores["now"]["glue"]["clan"] == 40


def culture_scope(party):
    from django_scopes import scope

    return scope(party=[party.pk])


def test_nobody_outside_the_party_sees_its_profile_before_every_party_shared(login, cast):
    a_url = reverse("workspace:culture_profile", args=[cast.collab.pk, cast.party_a.pk])
    page = reverse("workspace:culture", args=[cast.collab.pk])
    login(cast.member_a).post(a_url, form([70, 10, 10, 10]))
    login(cast.coord_a).post(
        reverse("workspace:culture_share", args=[cast.collab.pk, cast.party_a.pk])
    )
    for user in (cast.coord_b, cast.member_b, cast.facilitator):
        client = login(user)
        assert client.get(a_url).status_code == 404
        assert client.post(a_url, form([25, 25, 25, 25])).status_code == 404
        body = client.get(page).content.decode()
        assert "kite-now" not in body and "badge-success" in body  # A shared: only that
    # Party B shares too: now everyone sees both, side by side.
    b_url = reverse("workspace:culture_profile", args=[cast.collab.pk, cast.party_b.pk])
    login(cast.member_b).post(b_url, form([10, 10, 70, 10]))
    login(cast.coord_b).post(
        reverse("workspace:culture_share", args=[cast.collab.pk, cast.party_b.pk])
    )
    cast.facilitator.language = "en"
    cast.facilitator.save()
    body = login(cast.facilitator).get(page).content.decode()
    assert "kite-now" in body and body.count("! asks for a bridge") == 2
    assert "asks for a bridging agreement" in body
    # Sharing can no longer be withdrawn.
    login(cast.coord_a).post(
        reverse("workspace:culture_withdraw", args=[cast.collab.pk, cast.party_a.pk])
    )
    with culture_scope(cast.party_a):
        assert CultureProfile.objects.get(party=cast.party_a).is_shared


def test_only_a_coordinator_shares_and_only_a_filled_profile(login, cast):
    url = reverse("workspace:culture_profile", args=[cast.collab.pk, cast.party_a.pk])
    share = reverse("workspace:culture_share", args=[cast.collab.pk, cast.party_a.pk])
    assert login(cast.member_a).post(share).status_code == 403
    login(cast.coord_a).post(share)  # nothing filled in: refused with a message
    with culture_scope(cast.party_a):
        assert not CultureProfile.objects.filter(shared_at__isnull=False).exists()
    login(cast.member_a).post(url, form([25, 25, 25, 25]))
    login(cast.coord_a).post(share)
    with culture_scope(cast.party_a):
        assert CultureProfile.objects.get().is_shared
