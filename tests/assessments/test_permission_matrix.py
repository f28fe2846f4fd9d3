"""Every rits-scan and results URL × role × method × round state.

Party-private pages (respondent management, own results, release) answer 404 to
everyone outside the party — facilitator included; read-only roles get 403 on writes.
Shared results pages answer 200 to everyone in the collaboration, but show data only
once every party has released (see test_results_privacy.py).
"""

import pytest
from django.urls import get_resolver, reverse

from ritsen.assessments import services
from tests.collaborations.test_permission_matrix import LOGIN, ROLES

ALL_IN = {r: 200 for r in ROLES if r not in ("anonymous", "outsider")}


def row(anonymous=LOGIN, outsider=404, **others):
    return {"anonymous": anonymous, "outsider": outsider, **others}


FACILITATOR_ONLY = row(facilitator=200, coord_a=403, member_a=403, coord_b=403, member_b=403)
FACILITATOR_WRITE = row(facilitator=302, coord_a=403, member_a=403, coord_b=403, member_b=403)
A_COORDINATOR_READ = row(facilitator=404, coord_a=200, member_a=403, coord_b=404, member_b=404)
A_COORDINATOR_WRITE = row(facilitator=404, coord_a=302, member_a=403, coord_b=404, member_b=404)
A_PRIVATE = row(facilitator=404, coord_a=200, member_a=200, coord_b=404, member_b=404)
NOT_ALLOWED = row(**{r: 405 for r in ALL_IN})

# (namespace:name, method, expected per role, POST data, round state)
MATRIX = [
    ("assessments:rounds", "get", row(**ALL_IN), None, "open"),
    ("assessments:round_create", "get", FACILITATOR_ONLY, None, "none"),
    (
        "assessments:round_create",
        "post",
        FACILITATOR_WRITE,
        {"title": "Ronde", "language": "nl"},
        "none",
    ),
    ("assessments:round", "get", row(**ALL_IN), None, "open"),
    ("assessments:round", "get", row(**ALL_IN), None, "released"),
    ("assessments:round_close", "post", FACILITATOR_WRITE, {}, "open"),
    ("assessments:round_close", "get", NOT_ALLOWED, None, "open"),
    ("assessments:respondents", "get", A_COORDINATOR_READ, None, "open"),
    ("assessments:respondents", "post", A_COORDINATOR_WRITE, {"remind": "1"}, "open"),
    ("assessments:links", "get", A_COORDINATOR_READ, None, "open"),
    ("assessments:invitation_revoke", "post", A_COORDINATOR_WRITE, {}, "open"),
    ("assessments:invitation_resend", "post", A_COORDINATOR_WRITE, {}, "open"),
    ("results:party", "get", A_PRIVATE, None, "open"),
    ("results:party", "get", A_PRIVATE, None, "closed"),
    ("results:party", "get", A_PRIVATE, None, "released"),
    ("results:release", "post", A_COORDINATOR_WRITE, {}, "closed"),
    ("results:release", "get", NOT_ALLOWED, None, "closed"),
    ("results:zipper", "get", row(**ALL_IN), None, "open"),
    ("results:zipper", "get", row(**ALL_IN), None, "closed"),
    ("results:zipper", "get", row(**ALL_IN), None, "released"),
    ("results:link", "get", row(**ALL_IN), None, "closed"),
    ("results:link", "get", row(**ALL_IN), None, "released"),
    ("results:agenda", "get", row(**ALL_IN), None, "closed"),
    ("results:agenda", "get", row(**ALL_IN), None, "released"),
]


def _setup(state, cast):
    if state == "none":
        return None
    from tests.assessments.conftest import make_scan

    scan = make_scan(cast)
    if state in ("closed", "released"):
        services.close_round(scan.round)
    if state == "released":
        services.release(scan.round, cast.party_a, cast.coord_a)
        services.release(scan.round, cast.party_b, cast.coord_b)
    return scan.round


def _args(name, cast, round_):
    args = [cast.collab.pk]
    if name in ("assessments:rounds", "assessments:round_create"):
        return args
    args.append(round_.pk)
    if name in ("assessments:respondents", "assessments:links", "results:party", "results:release"):
        args.append(cast.party_a.pk)
    if name in ("assessments:invitation_revoke", "assessments:invitation_resend"):
        outcome = services.invite_respondents(round_, cast.party_a, ["resp@example.org"])
        assert outcome.created == 1
        invitation = round_.invitations.get(email="resp@example.org")
        args += [cast.party_a.pk, invitation.pk]
    if name == "results:link":
        args.append(1)
    return args


CASES = [
    pytest.param(
        name, method, role, expected[role], data, state, id=f"{name}-{method}-{state}-{role}"
    )
    for name, method, expected, data, state in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "role", "expected", "data", "state"), CASES)
def test_permission_matrix(client, cast, name, method, role, expected, data, state):
    round_ = _setup(state, cast)
    url = reverse(name, args=_args(name, cast, round_))
    if role != "anonymous":
        client.force_login(cast.by_role(role), backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(url, data) if method == "post" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, response.content[:300]


def test_matrix_covers_every_url():
    resolver = get_resolver()
    covered = {name for name, *_ in MATRIX}
    for namespace in ("assessments", "results"):
        names = {
            f"{namespace}:{n}"
            for n in resolver.namespace_dict[namespace][1].reverse_dict
            if isinstance(n, str)
        }
        assert names <= covered, names - covered


def test_round_of_another_collaboration_is_404(client, cast):
    from tests.assessments.conftest import make_scan
    from tests.factories import OrganisationFactory, PartyFactory

    other_round = make_scan(cast).round
    # A facilitator of another collaboration asks for this round under their own id.
    own = cast.outsider.memberships.get().collaboration
    PartyFactory(collaboration=own, organisation=OrganisationFactory())
    client.force_login(cast.outsider, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("assessments:round", args=[own.pk, other_round.pk])
    assert client.get(url).status_code == 404
    url = reverse("results:zipper", args=[own.pk, other_round.pk])
    assert client.get(url).status_code == 404
