"""Every collaboration URL × role × method, with the status code each must get.

Outsiders — and, for a party's private data, everyone outside that party — get 404.
Roles that may read but not write get 403. Anonymous visitors are sent to the login.
Adding a URL without adding it here fails ``test_matrix_covers_every_url``.
"""

import pytest
from django.urls import get_resolver, reverse

from ritsen.collaborations import services
from ritsen.collaborations.constants import Role

ROLES = ["anonymous", "outsider", "facilitator", "coord_a", "member_a", "coord_b", "member_b"]
LOGIN = "login"  # a redirect to the login page

ALL_IN = {r: 200 for r in ROLES if r not in ("anonymous", "outsider")}


def _row(anonymous=LOGIN, outsider=404, **others):
    row = {"anonymous": anonymous, "outsider": outsider}
    row.update(others)
    return row


def _facilitator_only(ok=200):
    return _row(facilitator=ok, coord_a=403, member_a=403, coord_b=403, member_b=403)


def _party_a_private(coord=200, member=200):
    # Party A's private data: facilitator and party B are outsiders here.
    return _row(facilitator=404, coord_a=coord, member_a=member, coord_b=404, member_b=404)


def _party_a_coordinator(ok=302):
    return _party_a_private(coord=ok, member=403)


PROFILE_DATA = {"who_we_are": "Wij zijn de gemeente", "what_we_want": "Eén loket"}

# (url name, method, expected per role, POST data)
MATRIX = [
    ("list", "get", _row(outsider=200, **ALL_IN), None),
    ("create", "get", _row(outsider=200, **ALL_IN), None),
    ("create", "post", _row(outsider=200, **ALL_IN), {}),  # empty form: errors, 200
    ("detail", "get", _row(**ALL_IN), None),
    ("edit", "get", _facilitator_only(), None),
    ("edit", "post", _facilitator_only(302), {"name": "Nieuw", "purpose": "Doel"}),
    ("party_add", "get", _facilitator_only(), None),
    ("party_add", "post", _facilitator_only(302), {"new_organisation": "Derde", "role": "partner"}),
    ("people", "get", _row(**ALL_IN), None),
    (
        "invite",
        "get",
        _row(facilitator=200, coord_a=200, member_a=403, coord_b=200, member_b=403),
        None,
    ),
    (
        "invite",
        "post",
        _row(facilitator=200, coord_a=200, member_a=403, coord_b=200, member_b=403),
        {},
    ),
    (
        "invitation_revoke",
        "post",
        _row(facilitator=302, coord_a=302, member_a=403, coord_b=404, member_b=403),
        {},
    ),
    ("invitation_revoke", "get", _row(**{r: 405 for r in ALL_IN}), None),
    ("membership_remove", "get", _facilitator_only(), None),
    ("membership_remove", "post", _facilitator_only(302), {}),
    ("profiles", "get", _row(**ALL_IN), None),
    ("profile", "get", _party_a_private(), None),
    ("profile_history", "get", _party_a_private(), None),
    ("profile_edit", "get", _party_a_private(coord=200, member=403), None),
    ("profile_edit", "post", _party_a_coordinator(), PROFILE_DATA),
    ("profile_share", "post", _party_a_coordinator(), {}),
    ("profile_share", "get", _row(**{r: 405 for r in ALL_IN}), None),
    ("profile_withdraw", "post", _party_a_coordinator(), {}),
    ("profile_withdraw", "get", _row(**{r: 405 for r in ALL_IN}), None),
]


def _args(name, cast):
    collab = cast.collab.pk
    if name in ("list", "create"):
        return []
    if name.startswith("profile") and name != "profiles":
        return [collab, cast.party_a.pk]
    if name == "invitation_revoke":
        sent = services.invite(
            collaboration=cast.collab,
            email="nieuw@example.org",
            role=Role.MEMBER,
            party=cast.party_a,
            invited_by=cast.facilitator,
        )
        return [collab, sent.invitation.pk]
    if name == "membership_remove":
        return [collab, cast.member_a.memberships.get().pk]
    return [collab]


def _prepare(name, cast):
    if name in ("profile_share", "profile_withdraw"):
        profile = services.PartyProfile.objects.for_party(cast.party_a)
        services.save_profile(profile, PROFILE_DATA, cast.coord_a)
        if name == "profile_withdraw":
            services.share_profile(profile, cast.coord_a)


CASES = [
    pytest.param(name, method, role, expected[role], data, id=f"{name}-{method}-{role}")
    for name, method, expected, data in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "role", "expected", "data"), CASES)
def test_permission_matrix(client, cast, name, method, role, expected, data):
    _prepare(name, cast)
    url = reverse(f"collaborations:{name}", args=_args(name, cast))
    if role != "anonymous":
        client.force_login(cast.by_role(role), backend="django.contrib.auth.backends.ModelBackend")
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, response.content[:500]


def test_matrix_covers_every_url():
    resolver = get_resolver()
    names = {
        name
        for name in resolver.namespace_dict["collaborations"][1].reverse_dict
        if isinstance(name, str)
    }
    names.discard("invitation")  # token-based, covered in test_invitations.py
    assert names == {name for name, *_ in MATRIX}


def test_outsider_gets_404_for_a_collaboration_that_does_not_exist(client, cast):
    client.force_login(cast.outsider, backend="django.contrib.auth.backends.ModelBackend")
    missing = client.get(reverse("collaborations:detail", args=[999999]))
    existing = client.get(reverse("collaborations:detail", args=[cast.collab.pk]))
    assert missing.status_code == existing.status_code == 404
