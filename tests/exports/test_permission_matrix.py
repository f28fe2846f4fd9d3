"""Every export URL × role × round state, with the status code each must get.

Whole-round exports exist only once every party has released (404 before, for
everyone); then everyone in the collaboration may download them. A party's own exports
answer 200 only to that party's people once the round has closed — 404 to everyone
else, facilitator included, and 404 while the round is open.
"""

import pytest
from django.urls import get_resolver, reverse

from ritsen.assessments import services
from tests.collaborations.test_permission_matrix import LOGIN, ROLES

IN_COLLABORATION = [r for r in ROLES if r not in ("anonymous", "outsider")]


def row(anonymous=LOGIN, outsider=404, **others):
    return {"anonymous": anonymous, "outsider": outsider, **others}


EVERYONE_IN = row(**dict.fromkeys(IN_COLLABORATION, 200))
NOBODY = row(**dict.fromkeys(IN_COLLABORATION, 404))
PARTY_A = row(facilitator=404, coord_a=200, member_a=200, coord_b=404, member_b=404)

KINDS = [f"{kind}_{ext}" for kind in ("answers", "results") for ext in ("csv", "xlsx")]
ROUND_URLS = [f"exports:{kind}" for kind in KINDS]
PARTY_URLS = [f"exports:party_{kind}" for kind in KINDS]

# (namespace:name, round state, expected per role); party URLs ask for party A's data.
MATRIX = [
    *((name, "open", NOBODY) for name in ROUND_URLS),
    *((name, "closed", NOBODY) for name in ROUND_URLS),
    *((name, "partly_released", NOBODY) for name in ROUND_URLS),
    *((name, "released", EVERYONE_IN) for name in ROUND_URLS),
    *((name, "open", NOBODY) for name in PARTY_URLS),
    *((name, "closed", PARTY_A) for name in PARTY_URLS),
    *((name, "partly_released", PARTY_A) for name in PARTY_URLS),
    *((name, "released", PARTY_A) for name in PARTY_URLS),
]


def _setup(state, cast):
    from tests.assessments.conftest import make_scan

    round_ = make_scan(cast).round
    if state != "open":
        services.close_round(round_)
    if state in ("partly_released", "released"):
        services.release(round_, cast.party_a, cast.coord_a)
    if state == "released":
        services.release(round_, cast.party_b, cast.coord_b)
    return round_


CASES = [
    pytest.param(name, state, role, expected[role], id=f"{name}-{state}-{role}")
    for name, state, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "state", "role", "expected"), CASES)
def test_permission_matrix(client, cast, name, state, role, expected):
    round_ = _setup(state, cast)
    args = [cast.collab.pk, round_.pk]
    if name in PARTY_URLS:
        args.append(cast.party_a.pk)
    url = reverse(name, args=args)
    if role != "anonymous":
        client.force_login(cast.by_role(role), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, response.content[:300]
        if expected == 200:
            assert response["Content-Disposition"].startswith("attachment; filename=")


@pytest.mark.parametrize("name", ROUND_URLS + PARTY_URLS)
def test_writes_are_not_allowed(login, cast, name):
    round_ = _setup("released", cast)
    args = [cast.collab.pk, round_.pk] + ([cast.party_a.pk] if name in PARTY_URLS else [])
    assert login(cast.coord_a).post(reverse(name, args=args)).status_code == 405


def test_matrix_covers_every_url():
    resolver = get_resolver()
    names = {
        f"exports:{n}"
        for n in resolver.namespace_dict["exports"][1].reverse_dict
        if isinstance(n, str)
    }
    assert names == {name for name, *_ in MATRIX}
    assert names == set(ROUND_URLS + PARTY_URLS)


def test_round_of_another_collaboration_is_404(login, cast):
    from tests.factories import OrganisationFactory, PartyFactory

    round_ = _setup("released", cast)
    own = cast.outsider.memberships.get().collaboration
    party = PartyFactory(collaboration=own, organisation=OrganisationFactory())
    client = login(cast.outsider)
    assert client.get(reverse("exports:answers_csv", args=[own.pk, round_.pk])).status_code == 404
    url = reverse("exports:party_answers_csv", args=[own.pk, round_.pk, party.pk])
    assert client.get(url).status_code == 404


def test_another_partys_own_export_is_404_even_after_release(login, cast):
    round_ = _setup("released", cast)
    url = reverse("exports:party_answers_csv", args=[cast.collab.pk, round_.pk, cast.party_b.pk])
    for user in (cast.coord_a, cast.member_a, cast.facilitator):
        assert login(user).get(url).status_code == 404
    assert login(cast.member_b).get(url).status_code == 200
