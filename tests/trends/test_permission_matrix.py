"""Every trends URL × role × state of the collaboration's rounds.

Everyone in the collaboration sees the trends page (empty until two rounds are
released by every party); outsiders get 404, anonymous visitors the login page.
"""

import pytest
from django.urls import get_resolver, reverse

from ritsen.assessments import services
from tests.collaborations.test_permission_matrix import LOGIN, ROLES

IN = [r for r in ROLES if r not in ("anonymous", "outsider")]


def row(anonymous=LOGIN, outsider=404, **others):
    return {"anonymous": anonymous, "outsider": outsider, **others}


EVERYONE_IN = row(**dict.fromkeys(IN, 200))
NOT_ALLOWED = row(**dict.fromkeys(IN, 405))
STATES = ["none", "open", "closed", "released", "two_released"]
# (namespace:name, method, state of the rounds, expected per role)
MATRIX = [
    *(("trends:index", "get", state, EVERYONE_IN) for state in STATES),
    ("trends:index", "post", "two_released", NOT_ALLOWED),
]


def _setup(state, cast):
    from tests.assessments.conftest import make_scan

    rounds = {"none": 0, "open": 1, "closed": 1, "released": 1, "two_released": 2}[state]
    for _ in range(rounds):
        round_ = make_scan(cast).round
        if state == "open":
            break
        services.close_round(round_)
        if state in ("released", "two_released"):
            services.release(round_, cast.party_a, cast.coord_a)
            services.release(round_, cast.party_b, cast.coord_b)


CASES = [
    pytest.param(name, method, state, role, expected[role], id=f"{name}-{method}-{state}-{role}")
    for name, method, state, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "state", "role", "expected"), CASES)
def test_permission_matrix(client, cast, name, method, state, role, expected):
    _setup(state, cast)
    url = reverse(name, args=[cast.collab.pk])
    if role != "anonymous":
        client.force_login(cast.by_role(role), backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(url) if method == "post" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected


def test_matrix_covers_every_url():
    resolver = get_resolver()
    names = {
        f"trends:{n}"
        for n in resolver.namespace_dict["trends"][1].reverse_dict
        if isinstance(n, str)
    }
    assert names == {name for name, *_ in MATRIX}


def test_collaboration_of_another_user_is_404(login, cast):
    _setup("two_released", cast)
    own = cast.outsider.memberships.get().collaboration
    assert login(cast.member_a).get(reverse("trends:index", args=[own.pk])).status_code == 404
