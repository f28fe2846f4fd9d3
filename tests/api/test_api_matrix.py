"""Every operation of the API's schema × every role of the cast (and anonymous, and a
read-only token): the status follows the same policy as the pages (``decide``). A new
operation without a line here fails the walk."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_scopes import scope

from ritsen.accounts import tokens
from ritsen.accounts.models import AccessToken
from ritsen.collaborations import selectors
from ritsen.collaborations import services as collaborations
from ritsen.collaborations.access import PARTY_PERMS, Outcome, Perm, decide
from ritsen.webhooks import services as webhooks
from ritsen.webhooks.models import Delivery
from ritsen.workspace import services as workspace
from ritsen.workspace.registers import registry
from ritsen.workspace.registers.base import Owner
from tests.assessments.conftest import close, make_scan, release

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "ritsen" / "api" / "openapi.json").read_text()
)
ROLES = ["facilitator", "coord_a", "member_a", "coord_b", "member_b", "outsider"]

#: operation id -> (the permission in the collaboration — or several, checked in turn;
#: None: any signed-in user; the request body; the status when allowed). The round of
#: the world is shared: making links or inviting into it is allowed but refused by the
#: round (400); party A holds people, so removing it is refused (400).
OPERATIONS: dict[str, tuple[Perm | tuple[Perm, ...] | None, dict | None, int]] = {
    "list_collaborations": (None, None, 200),
    "create_collaboration": (None, {"name": "Nieuw"}, 201),
    "get_collaboration": (Perm.VIEW, None, 200),
    "edit_collaboration": (Perm.EDIT_COLLABORATION, {"purpose": "Doel"}, 200),
    "list_parties": (Perm.VIEW, None, 200),
    "add_party": (Perm.MANAGE_PARTIES, {"organisation_name": "Nieuw"}, 201),
    "get_party": (Perm.VIEW, None, 200),
    "edit_party": (Perm.MANAGE_PARTIES, {"role": "client"}, 200),
    "remove_party": (Perm.MANAGE_PARTIES, None, 400),
    "list_members": (Perm.VIEW, None, 200),
    "list_invitations": (Perm.INVITE_PEOPLE, None, 200),
    "invite": (
        Perm.INVITE_FACILITATORS,
        {"email": "nieuw@example.org", "role": "facilitator"},
        201,
    ),
    # Coordinator A's invitation into party A: only party A's coordinators manage it.
    "revoke_invitation": ((Perm.INVITE_PEOPLE, Perm.INVITE_TO_PARTY), None, 204),
    "get_profile": (Perm.SEE_PARTY_DATA, None, 200),
    "save_profile": (Perm.EDIT_PROFILE, {"who_we_are": "Wij"}, 200),
    "share_profile": (Perm.EDIT_PROFILE, None, 200),
    "withdraw_profile": (Perm.EDIT_PROFILE, None, 200),
    "profiles_side_by_side": (Perm.VIEW, None, 200),
    "get_trends": (Perm.VIEW, None, 200),
    "list_webhooks": (Perm.EDIT_COLLABORATION, None, 200),
    "add_webhook": (
        Perm.EDIT_COLLABORATION,
        {"url": "https://example.org/hook", "events": ["round.opened"]},
        201,
    ),
    "remove_webhook": (Perm.EDIT_COLLABORATION, None, 204),
    "list_deliveries": (Perm.EDIT_COLLABORATION, None, 200),
    "resend_delivery": (Perm.EDIT_COLLABORATION, None, 202),
    "list_rounds": (Perm.VIEW, None, 200),
    "open_round": (Perm.MANAGE_ROUNDS, {"title": "Nieuw"}, 201),
    "get_round": (Perm.VIEW, None, 200),
    "close_round": (Perm.MANAGE_ROUNDS, None, 200),
    "invite_respondents": (Perm.MANAGE_RESPONDENTS, {"emails": ["x@example.org"]}, 400),
    "make_links": (Perm.MANAGE_RESPONDENTS, {"count": 1}, 400),
    "progress": (Perm.MANAGE_RESPONDENTS, None, 200),
    "party_results": (Perm.SEE_PARTY_DATA, None, 200),
    "release": (Perm.RELEASE_RESULTS, None, 200),
    "get_shared_results": (Perm.VIEW, None, 200),
    "list_frameworks": (None, None, 200),
    "get_framework": (None, None, 200),
}
#: Per operation, roles that the permission lets in but the rule about the very object
#: refuses (a party's own workspace item: the other party may see it, not change it).
REFUSED: dict[str, dict[str, int]] = {}
REFUSED["approve_transition"] = {"facilitator": 403, "member_a": 403, "member_b": 403}
REFUSED["withdraw_approval"] = REFUSED["approve_transition"]
# Organisation A's portfolio: for the people of its parties; 404 for everyone else.
OPERATIONS["get_portfolio"] = (None, None, 200)
REFUSED["get_portfolio"] = {"facilitator": 404, "coord_b": 404, "member_b": 404, "outsider": 404}
#: Per operation, the path's ``item_id`` (the world's item of that kind).
ITEM_OF: dict[str, str] = {}
#: A valid new item of each kind (``"{party_id}"``: party A's id).
NEW_ITEM = {
    "goals": {"title": "Doel", "indicator": "Dagen", "target_value": 5},
    "values": {"party": "{party_id}", "kind": "money"},
    "contributions": {"party": "{party_id}", "kind": "people", "amount": "1 FTE"},
    "actions": {"title": "Bellen", "link_key": "roles", "owner_party": "{party_id}"},
    "agreements": {"text": "A levert cijfers", "from_party": "{party_id}", "link_key": "roles"},
    "bridges": {"type_key": "clan", "note": "We spreken elkaar maandelijks."},
    "improvements": {"kind": "incident", "link_key": "quality", "description": "Data te laat"},
    "reviews": {"held_on": "2026-11-01", "cadence_weeks": 6},
    "strategic_goals": {"party": "{party_id}", "title": "Zorg dichtbij", "horizon": "2030"},
    "mappings": {
        "strategic_goal": "{strategic_goal_id}",
        "shared_goal": "{goal_id}",
        "stance": "conflicts",
    },
    "systems": {"name": "KCS", "owner_party": "{party_id}", "hosting": "cloud"},
    "interfaces": {
        "from_system": "{system_id}",
        "to_system": "{other_system_id}",
        "standard": "ZGW API",
        "status": "live",
    },
    "needs": {"item": "Aanmelding", "needed_by": "{party_id}", "sensitivity": "personal"},
    "processes": {"name": "Intake"},
    "steps": {"process": "{process_id}", "number": 2, "title": "Aannemen", "party": "{party_id}"},
    "activities": {"title": "Intake doen"},
    "raci": {"activity": "{activity_id}", "party": "{party_id}", "letters": "ra"},
}
#: What each ``"{name}_id"`` of :data:`NEW_ITEM` refers to: a kind of item.
REFERS_TO = {
    "strategic_goal_id": "strategic_goals",
    "goal_id": "goals",
    "system_id": "systems",
    "other_system_id": "systems",
    "process_id": "processes",
    "activity_id": "activities",
}
OPERATIONS["get_workspace"] = (Perm.VIEW, None, 200)
# The lifecycle: the world is exploring; closing it now is refused by the guard (409),
# approving a transition that asks for no approval by the service (400).
OPERATIONS["get_timeline"] = (Perm.VIEW, None, 200)
OPERATIONS["make_transition"] = (Perm.MANAGE_LIFECYCLE, {"to": "closed"}, 409)
# Approving is on behalf of one's own party (no party in the path): a coordinator of
# either party may (refused here: 400), the others are refused by the policy (403).
OPERATIONS["approve_transition"] = (Perm.VIEW, {"to": "active"}, 400)
OPERATIONS["withdraw_approval"] = (Perm.VIEW, None, 400)  # the same, and likewise
for _kind, _register in registry.kinds():
    _one = _kind.key[:-1] if _kind.key.endswith("s") else _kind.key
    OPERATIONS[f"list_{_kind.key}"] = (Perm.VIEW, None, 200)
    OPERATIONS[f"create_{_one}"] = (Perm.EDIT_WORKSPACE, NEW_ITEM[_kind.key], 201)
    OPERATIONS[f"get_{_one}"] = (Perm.VIEW, None, 200)
    OPERATIONS[f"edit_{_one}"] = (Perm.EDIT_WORKSPACE, {"notes": "x"}, 200)
    OPERATIONS[f"delete_{_one}"] = (Perm.EDIT_WORKSPACE, None, 204)
    for _op in ("get", "edit", "delete"):
        ITEM_OF[f"{_op}_{_one}"] = _kind.key
    if _kind.consent:
        # Only coordinators decide for their party; the facilitator and members: 403.
        # The world's agreement is A's, to every party: both coordinators may decide.
        for _step in ("accept", "dispute", "withdraw"):
            OPERATIONS[f"{_step}_{_one}"] = (
                Perm.VIEW,
                {"reason": "Te vaag"} if _step == "dispute" else None,
                200,
            )
            ITEM_OF[f"{_step}_{_one}"] = _kind.key
            REFUSED[f"{_step}_{_one}"] = {"facilitator": 403, "member_a": 403, "member_b": 403}
        REFUSED[f"delete_{_one}"] = {"member_a": 403, "member_b": 403}
        # B did not propose it: withdrawing is refused by the rule (400).
        REFUSED["withdraw_agreement"] = {**REFUSED["withdraw_agreement"], "coord_b": 400}
    if _kind.owner is Owner.PARTY:
        # Party B may not add in A's name (not a choice: 422) nor change A's item (403).
        REFUSED[f"create_{_one}"] = {"coord_b": 422, "member_b": 422}
        REFUSED[f"edit_{_one}"] = REFUSED[f"delete_{_one}"] = {"coord_b": 403, "member_b": 403}
    if _kind.private:
        # Party A's private item, before every party shared: nobody else sees it (404),
        # nor may anyone else add one in A's name (not a choice: 422).
        _hidden = {"facilitator": 404, "coord_b": 404, "member_b": 404}
        for _op in ("get", "edit", "delete"):
            REFUSED[f"{_op}_{_one}"] = _hidden
        REFUSED[f"create_{_one}"] = {"facilitator": 422, "coord_b": 422, "member_b": 422}

#: Respondents are known by their link's secret, not by a token (tests/api/test_respond).
RESPONDENT_OPERATIONS = {"questionnaire", "save_answers", "claim", "submit"}


def all_operations() -> list[tuple[str, str, str]]:
    return [
        (op["operationId"], method.upper(), path)
        for path, methods in SCHEMA["paths"].items()
        for method, op in methods.items()
    ]


def operations() -> list[tuple[str, str, str]]:
    """Every token operation; removals last, so that each reads what it asks about."""
    found = [op for op in all_operations() if op[0] not in RESPONDENT_OPERATIONS]
    return sorted(found, key=lambda op: op[1] == "DELETE")


def test_every_operation_of_the_schema_is_in_the_matrix():
    assert sorted(op for op, _m, _p in all_operations()) == sorted(
        [*OPERATIONS, *RESPONDENT_OPERATIONS]
    )


@pytest.fixture
def world(cast):
    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    coord_a = cast.access(cast.coord_a)
    with scope(party=[cast.party_a.pk]):
        profile = selectors.profile_of(cast.party_a)
        collaborations.save_profile(profile, {"who_we_are": "Wij"}, access=coord_a)
    invitation = collaborations.invite(
        access=coord_a, email="lid@example.org", role="member", party=cast.party_a
    ).invitation
    facilitator = cast.access(cast.facilitator)
    webhook = webhooks.add_webhook(
        access=facilitator, url="https://example.org/h", events=["round.opened"]
    )
    delivery = Delivery.objects.create(webhook=webhook.webhook, event="round.opened", payload={})
    items: dict[str, int] = {}
    spare: dict[str, object] = {"party_id": cast.party_a}  # the world's own mapping's pair
    for kind, register in registry.kinds():
        # The world's item refers to spare items of its own, so that a new item made
        # through the API (referring to the world's items) is unique where it must be.
        for key in sorted(_refs(NEW_ITEM[kind.key])):
            made = REFERS_TO[key]
            spare_kind, spare_register = registry.kind(made)
            spare[key] = workspace.create_item(
                access=coord_a, kind=spare_kind, register=spare_register,
                data=_body(NEW_ITEM[made], spare),
            )  # fmt: skip
        data = _body(NEW_ITEM[kind.key], spare)
        items[kind.key] = workspace.create_item(
            access=coord_a, kind=kind, register=register, data=data
        ).pk
    values = {
        "collaboration_id": cast.collab.pk,
        "round_id": scan.round.pk,
        "party_id": cast.party_a.pk,
        "invitation_id": invitation.pk,
        "webhook_id": webhook.webhook.pk,
        "delivery_id": delivery.pk,
        "slug": "ritsen-9",
        "organisation_id": cast.party_a.organisation_id,
        "version": 1,
        "to": "active",  # a stage: the approval to withdraw
        "items": items,
        # A new item refers to the world's items (a new mapping relates the world's
        # strategic goal and shared goal); a new interface goes to a second system.
        **{key: items[made] for key, made in REFERS_TO.items()},
        "other_system_id": spare["other_system_id"].pk,  # type: ignore[attr-defined]
    }
    return cast, values


def _url(path: str, operation: str, values: dict) -> str:
    item = values["items"].get(ITEM_OF.get(operation, ""), 0)
    return path.format(**values, item_id=item)


def _refs(body: dict) -> set[str]:
    """The ``"{name}"`` placeholders of ``body`` other than the party's."""
    return {
        value[1:-1] for value in body.values() if isinstance(value, str) and value.startswith("{")
    } - {"party_id"}


def _body(body: dict | None, values: dict) -> dict:
    """``body`` with each ``"{name}"`` replaced by ``values[name]``."""
    return {
        k: values[v[1:-1]] if isinstance(v, str) and v.startswith("{") else v
        for k, v in (body or {}).items()
    }


def _role_of(cast, name: str) -> tuple[str | None, int | None]:
    user = getattr(cast, name)
    membership = user.memberships.filter(collaboration=cast.collab).first()
    if membership is None:
        return None, None
    return membership.role, membership.party_id


def expected(cast, name: str, perms: Perm | tuple[Perm, ...] | None, allowed: int) -> int:
    if perms is None:
        return allowed
    role, party = _role_of(cast, name)
    if role is None:
        return 404
    for perm in perms if isinstance(perms, tuple) else (perms,):
        asked = cast.party_a.pk if perm in PARTY_PERMS else None
        outcome = decide(role, perm, own_party=party, party=asked)
        if outcome is not Outcome.ALLOW:
            return {Outcome.FORBIDDEN: 403, Outcome.HIDDEN: 404}[outcome]
    return allowed


@pytest.mark.parametrize("name", ROLES)
def test_each_role_gets_what_the_policy_decides(client, world, name):
    cast, values = world
    secret = tokens.create_token(getattr(cast, name), name="matrix").secret
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    problems = []
    for operation, method, path in operations():
        perm, body, allowed = OPERATIONS[operation]
        url = _url(path, operation, values)
        response = client.generic(
            method, url, json.dumps(_body(body, values)), content_type="application/json",
            **headers,
        )  # fmt: skip
        want = expected(cast, name, perm, allowed)
        if want == allowed and name in REFUSED.get(operation, {}):
            want = REFUSED[operation][name]
        if response.status_code != want:
            problems.append(f"{method} {url}: {response.status_code}, expected {want}")
        assert response["Content-Type"].startswith("application/json")
    assert not problems, problems


def test_anonymous_expired_and_revoked_get_401_and_a_read_only_token_403_on_writes(client, world):
    cast, values = world
    read_only = tokens.create_token(cast.facilitator, name="ro", read_only=True).secret
    expired = tokens.create_token(cast.facilitator, name="old", expires_days=1)
    AccessToken.objects.filter(pk=expired.token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoked = tokens.create_token(cast.facilitator, name="gone")
    tokens.revoke_token(revoked.token)
    for operation, method, path in operations():
        url = _url(path, operation, values)
        anonymous = client.generic(method, url, "{}", content_type="application/json")
        assert anonymous.status_code == 401, (method, url)
        for dead in (expired.secret, revoked.secret):
            response = client.generic(
                method, url, "{}", content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {dead}",
            )  # fmt: skip
            assert response.status_code == 401, (method, url)
        if method != "GET":
            response = client.generic(
                method, url, "{}", content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {read_only}",
            )  # fmt: skip
            assert response.status_code == 403, (method, url)
