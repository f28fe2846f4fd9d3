"""The site-wide permission matrix: every URL × role × method (× round state).

Nothing here writes down an expected status by hand. Each view declares its rule — an
audience, and for collaboration pages the permission and the URL argument that names
the party (``ritsen.core.rules``, ``ritsen.collaborations.access``) — and the expected
status follows from that rule and the one role → permission table
(:func:`ritsen.collaborations.access.decide`):

* anonymous visitors go to the login page, outsiders get 404;
* a method the view does not take gets 405;
* a permission about a party the person is outside of gets 404, a missing permission
  403, an allowed one the case's success status;
* a page whose data is not shared yet in some round state answers 404 in that state
  (``hidden_in``: what :mod:`ritsen.assessments.visibility` decides).

What the matrix needs to know per URL — how to fill in its arguments, what to post,
in which round states to ask — is in :data:`CASES`. A walk over Django's URL resolver
fails for any URL that is neither in :data:`CASES` nor in :data:`PUBLIC` (with the
status an anonymous visitor gets), so a page cannot be added without being covered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from ritsen.collaborations.access import SITE_ADMIN_PERMS, Outcome, Perm, decide
from ritsen.core.rules import Audience, ViewRule, rule_of
from ritsen.workspace.registers import registry
from ritsen.workspace.registers.base import Owner
from tests.world import CAST, World, build_world

LOGIN = "login"
ROLES = ["anonymous", *(name for name, *_ in CAST)]
CAST_BY_NAME = {name: (role, party, staff) for name, role, party, staff in CAST}


# --- what the matrix knows about each URL --------------------------------------------


Args = Callable[[World, str | None], list]


def collab(world: World, state: str | None) -> list:
    return [world.collab.pk]


def round_(world: World, state: str | None) -> list:
    return [world.collab.pk, world.rounds[state or "open"].pk]


def round_party(world: World, state: str | None) -> list:
    return [*round_(world, state), world.party("a").pk]


def party(world: World, state: str | None) -> list:
    return [world.collab.pk, world.party("a").pk]


@dataclass(frozen=True)
class Case:
    args: Args = collab
    # The status of an allowed request, per method.
    ok: dict[str, int] = field(default_factory=lambda: {"GET": 200, "POST": 302})
    data: dict[str, str] = field(default_factory=dict)
    states: tuple[str | None, ...] = (None,)
    # Round states in which the data is not visible (yet): 404 even when allowed.
    hidden_in: frozenset[str] = frozenset()
    # People the view's permission lets in but whom the service's own rule about this
    # very object refuses (whose invitation may one revoke: ``may_invite``).
    refused: dict[str, Any] = field(default_factory=dict)  # a status, or one per method


NOT_SHARED = frozenset({"open", "closed", "partly"})
PROFILE = {"who_we_are": "Wij zijn de gemeente", "what_we_want": "Eén loket"}

CASES: dict[str, Case] = {
    # collaborations
    "collaborations:list": Case(args=lambda w, s: []),
    # An empty form: errors on the page, so 200.
    "collaborations:create": Case(args=lambda w, s: [], ok={"GET": 200, "POST": 200}),
    "collaborations:detail": Case(),
    "collaborations:edit": Case(data={"name": "Nieuw", "purpose": "Doel"}),
    "collaborations:party_add": Case(data={"new_organisation": "Derde", "role": "partner"}),
    # An empty form (errors: 200); party A holds people and rounds, so it stays (409).
    "collaborations:party_edit": Case(args=party, ok={"GET": 200, "POST": 200}),
    "collaborations:party_remove": Case(args=party, ok={"GET": 200, "POST": 409}),
    "collaborations:people": Case(),
    "collaborations:invite": Case(ok={"GET": 200, "POST": 200}),  # empty form
    # coord_a invited someone into party A: neither the facilitator (A has its
    # coordinator) nor party B may touch that invitation.
    "collaborations:invitation_revoke": Case(
        args=lambda w, s: [w.collab.pk, w.people_invitation.pk],
        refused={"facilitator": 404, "site_admin": 404, "plain_staff": 404, "coord_b": 404},
    ),
    "collaborations:membership_remove": Case(
        args=lambda w, s: [w.collab.pk, w.removable_membership.pk]
    ),
    "collaborations:profiles": Case(),
    "collaborations:profile": Case(args=party),
    "collaborations:profile_history": Case(args=party),
    "collaborations:profile_edit": Case(args=party, data=PROFILE),
    "collaborations:profile_share": Case(args=party),
    "collaborations:profile_withdraw": Case(args=party),
    # assessments: the open round already exists, so opening another is a form error.
    "assessments:rounds": Case(),
    "assessments:round_create": Case(
        ok={"GET": 200, "POST": 200}, data={"title": "Ronde", "language": "nl"}
    ),
    "assessments:round": Case(args=round_, states=("open", "shared")),
    "assessments:round_close": Case(args=round_, states=("open",)),
    "assessments:respondents": Case(args=round_party, states=("open",), data={"remind": "1"}),
    "assessments:invitation_revoke": Case(
        args=lambda w, s: [*round_party(w, "open"), w.respondent_invitation.pk]
    ),
    "assessments:invitation_resend": Case(
        args=lambda w, s: [*round_party(w, "open"), w.respondent_invitation.pk]
    ),
    # results
    "results:party": Case(args=round_party, states=("open", "closed", "shared")),
    "results:release": Case(args=round_party, states=("closed",)),
    "results:zipper": Case(args=round_, states=("closed", "shared")),
    "results:link": Case(args=lambda w, s: [*round_(w, s), 1], states=("closed", "shared")),
    "results:agenda": Case(args=round_, states=("closed", "shared")),
    "trends:index": Case(),
    # reports (PDF rendering is stubbed here; the PDF has its own tests)
    "reports:page": Case(args=round_, states=("closed", "shared")),
    "reports:pdf": Case(args=round_, states=("shared",)),
    "reports:party_page": Case(args=round_party, states=("open", "closed")),
    "reports:party_pdf": Case(args=round_party, states=("closed",)),
    # webhooks (an empty form: errors, 200; no such webhook or delivery: 404 when allowed)
    "webhooks:list": Case(ok={"GET": 200, "POST": 200}),
    "webhooks:remove": Case(args=lambda w, s: [w.collab.pk, 987654], ok={"POST": 404}),
    "webhooks:resend": Case(args=lambda w, s: [w.collab.pk, 987654], ok={"POST": 404}),
    # transfer
    "transfer:export": Case(),
    "transfer:import": Case(args=lambda w, s: [], ok={"GET": 200, "POST": 200}),
}
for _kind in ("answers", "results"):
    for _ext in ("csv", "xlsx"):
        CASES[f"exports:{_kind}_{_ext}"] = Case(
            args=round_, states=("open", "closed", "partly", "shared"), hidden_in=NOT_SHARED
        )
        CASES[f"exports:party_{_kind}_{_ext}"] = Case(
            args=round_party,
            states=("open", "closed", "partly", "shared"),
            hidden_in=frozenset({"open"}),
        )

# The workspace: generated from its registry, as its URLs are. Empty forms answer 200
# (their errors); a party's own item is its people's and the facilitator's to change:
# the other party gets 403 (the item is shared, so it may know it exists).
CASES["workspace:index"] = Case()
CASES["workspace_documents:pdf"] = Case()
CASES["workspace_documents:xlsx"] = Case()
CASES["workspace:actions"] = Case()
CASES["workspace:exit"] = Case()
# The lifecycle: the world is exploring, so the index's POST (a scale event, only while
# active) goes back to the page; moving on without the guard's facts, or approving a
# transition that asks for no approval (or withdrawing that), is refused with a message
# (302 as well).
CASES["lifecycle:index"] = Case()
CASES["lifecycle:move"] = Case(data={"to": "closed"})
CASES["lifecycle:approve"] = Case(data={"to": "active"})
CASES["lifecycle:withdraw_approval"] = Case(data={"to": "active"})
CASES["lifecycle:timeline"] = Case(ok={"GET": 200})
# Party A's exit tasks (the first party's, without ?party=) are ticked by its own people
# and the facilitator; party B's people see them but may not tick them.
# A party's own data on its departure: its coordinators only (the world's party A is not
# leaving, so confirming is refused with a message: 302).
CASES["lifecycle:own_file"] = Case(args=party, ok={"GET": 200})
CASES["lifecycle:depart"] = Case(args=party, data={"retention_days": "30"})
CASES["lifecycle:exit"] = Case(refused={"coord_b": {"POST": 403}, "member_b": {"POST": 403}})
# Portfolios: organisation A's is for the people of its parties (a portfolio manager is
# granted by its administrators); everyone else gets 404. A facilitator has their own.
_NOT_OF_A = {"facilitator": 404, "coord_b": 404, "member_b": 404, "outsider": 404,
             "site_admin": 404, "plain_staff": 404}  # fmt: skip


def _organisation_a(world: World, state: str | None) -> list:
    return [world.party("a").organisation_id]


CASES["portfolio:organisation"] = Case(args=_organisation_a, ok={"GET": 200}, refused=_NOT_OF_A)
CASES["portfolio:facilitated"] = Case(args=lambda w, s: [], ok={"GET": 200})
# Organisation A's roles: only its administrators (the world's coord_a); an empty form
# answers with its errors (200); taking back the last administrator's role is refused
# with a message (302). Everyone else: 404, as for a portfolio.
_NOT_ADMIN_OF_A = {**_NOT_OF_A, "member_a": 404}
CASES["portfolio:roles"] = Case(
    args=_organisation_a, ok={"GET": 200, "POST": 200}, refused=_NOT_ADMIN_OF_A
)


def _role_of_a(world: World, state: str | None) -> list:
    from ritsen.collaborations.models import OrganisationRole

    return [world.party("a").organisation_id, OrganisationRole.objects.get().pk]


CASES["portfolio:role_revoke"] = Case(args=_role_of_a, refused=_NOT_ADMIN_OF_A)
for _kind in ("csv", "xlsx"):
    CASES[f"portfolio_exports:organisation_{_kind}"] = Case(
        args=_organisation_a, ok={"GET": 200}, refused=_NOT_OF_A
    )
    CASES[f"portfolio_exports:facilitated_{_kind}"] = Case(args=lambda w, s: [], ok={"GET": 200})
# The RACI grid saves (nothing posted: nothing changes) and goes back to the page.
CASES["workspace:raci_grid"] = Case(ok={"POST": 302})
# A party's culture profile: its people fill it in (an empty form: 200), its
# coordinators share it (not filled in yet: refused with a message, 302).
# What the joint session concluded on an agenda item of the shared round.
CASES["workspace:agenda_outcome"] = Case(
    args=lambda w, s: [w.collab.pk, w.rounds["shared"].pk, "culture"], ok={"POST": 302}
)
CASES["workspace:culture_profile"] = Case(args=party, ok={"GET": 200, "POST": 200})
for _register in registry.registers():
    CASES[f"workspace:{_register.key}"] = Case()
    if _register.sheet is not None:
        CASES[f"workspace:{_register.key}_share"] = Case(args=party)
        CASES[f"workspace:{_register.key}_withdraw"] = Case(args=party)
for _kind, _register in registry.kinds():

    def _item(w: World, s: str | None, key: str = _kind.key) -> list:
        return [w.collab.pk, w.workspace[key]]

    _others = {"coord_b": 403, "member_b": 403} if _kind.owner is Owner.PARTY else {}
    CASES[f"workspace:{_kind.key}_create"] = Case(ok={"GET": 200, "POST": 200})
    CASES[f"workspace:{_kind.key}_edit"] = Case(
        args=_item, ok={"GET": 200, "POST": 200}, refused=_others
    )
    CASES[f"workspace:{_kind.key}_delete"] = Case(args=_item, refused=_others)
    CASES[f"workspace:{_kind.key}_history"] = Case(args=_item)
    if _kind.private:
        # Party A's private item, before every party shared: only A's people see it;
        # nobody else (not the facilitator) adds one.
        _hidden = {"facilitator": 404, "coord_b": 404, "member_b": 404}
        CASES[f"workspace:{_kind.key}_create"] = Case(
            ok={"GET": 200, "POST": 200}, refused={"facilitator": 403}
        )
        for _view in ("edit", "delete", "history"):
            CASES[f"workspace:{_kind.key}_{_view}"] = dataclasses.replace(
                CASES[f"workspace:{_kind.key}_{_view}"], refused=_hidden
            )
    if _kind.consent:
        # Only the coordinators of the parties concerned decide (A proposed, B waits).
        _deciders = {"coord_a", "coord_b"}
        _others = {name: 403 for name, *_ in CAST if name not in _deciders | {"outsider"}}
        CASES[f"workspace:{_kind.key}_accept"] = Case(args=_item, refused=_others)
        # Removed only by a coordinator of a party concerned, or the facilitator.
        CASES[f"workspace:{_kind.key}_delete"] = Case(
            args=_item, refused={"member_a": 403, "member_b": 403}
        )
        CASES[f"workspace:{_kind.key}_withdraw"] = Case(args=_item, refused=_others)
        # An empty reason: the form again (200).
        CASES[f"workspace:{_kind.key}_dispute"] = Case(
            args=_item, ok={"GET": 200, "POST": 200}, refused=_others
        )

#: Public URLs: what an anonymous visitor gets for a GET (with nonsense secrets).
PUBLIC: dict[str, tuple[list, int]] = {
    "home": ([], 302),
    "healthz": ([], 200),
    "accounts:login": ([], 200),
    "accounts:logout": ([], 405),  # POST only
    "accounts:password_reset": ([], 200),
    "accounts:password_reset_done": ([], 200),
    "accounts:password_reset_confirm": (["MQ", "nonsense-token"], 200),
    "accounts:password_reset_complete": ([], 200),
    "accounts:language": ([], 405),  # POST only
    "collaborations:invitation": (["nonsense-token"], 404),
    "respond:enter": (["nonsense-token"], 404),
    # Without the cookie a respondent's link gives, these pages say "open your link".
    "respond:start": ([], 403),
    "respond:language": ([], 405),  # POST only
    "respond:link": ([1], 403),
    "respond:review": ([], 403),
}
#: Logged-in pages outside any collaboration.
AUTHENTICATED_ONLY = {
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:profile",
}
#: Django's admin checks its own permissions (staff only); see test_admin_needs_staff.
#: The API has its own matrix over every operation of its schema (tests/api).
EXEMPT_NAMESPACES = ("admin", "api")


# --- the walk over the resolver ---------------------------------------------------


def url_patterns(resolver=None) -> Iterator[tuple[str, object]]:
    """(``namespace:name``, view) for every named URL pattern."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or None
                full = ":".join(filter(None, [namespace, inner])) or None
                yield from walk(pattern.url_patterns, full)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or f"<unnamed {pattern.pattern}>"
                yield (f"{namespace}:{name}" if namespace else name), pattern.callback

    yield from walk((resolver or get_resolver()).url_patterns, None)


def uncovered(resolver=None) -> list[str]:
    """URLs that are neither public, nor in the matrix, nor exempt — or lack a rule."""
    problems = []
    for name, view in url_patterns(resolver):
        if name.split(":")[0] in EXEMPT_NAMESPACES:
            continue
        rule = rule_of(view)
        if rule is None:
            problems.append(f"{name}: its view declares no rule")
        elif name in PUBLIC:
            if rule.audience != Audience.PUBLIC:
                problems.append(f"{name}: listed as public but declares {rule.audience}")
        elif name in AUTHENTICATED_ONLY:
            if rule.audience != Audience.AUTHENTICATED:
                problems.append(f"{name}: listed as logged-in only but declares {rule.audience}")
        elif name not in CASES:
            problems.append(f"{name}: not in the permission matrix")
        elif rule.audience == Audience.PUBLIC:
            problems.append(f"{name}: public, but in the matrix (list it in PUBLIC)")
    return problems


def rules() -> dict[str, ViewRule]:
    return {name: rule for name, view in url_patterns() if (rule := rule_of(view)) is not None}


# --- the expected status, derived -------------------------------------------------


def expected(rule: ViewRule, case: Case, role: str, method: str, state: str | None):
    if role == "anonymous":
        return LOGIN
    membership_role, own_party, staff = CAST_BY_NAME[role]
    if rule.audience == Audience.AUTHENTICATED:
        if method not in rule.methods:
            return 405
        found = case.refused.get(role, case.ok[method])  # the view's own rule (a portfolio)
        return found.get(method, case.ok[method]) if isinstance(found, dict) else found
    if rule.audience == Audience.SITE_ADMIN:
        if not staff:  # not given the site permission (staff status alone is nothing)
            return 403
        return case.ok[method] if method in rule.methods else 405
    if membership_role is None:
        return 404  # outsiders learn nothing
    if method not in rule.methods:
        return 405
    outcome = decide(
        membership_role,
        Perm(rule.permission),
        own_party=own_party,
        # The matrix always asks about party A's data.
        party="a" if rule.party_arg else None,
        site_admin=staff,
    )
    if outcome is Outcome.HIDDEN:
        return 404
    if outcome is Outcome.FORBIDDEN:
        return 403
    if state in case.hidden_in:
        return 404
    if role in case.refused:
        found = case.refused[role]  # a status, or a status per method
        return found.get(method, case.ok[method]) if isinstance(found, dict) else found
    return case.ok[method]


def _needs_site_admin(rule: ViewRule) -> bool:
    return rule.audience == Audience.SITE_ADMIN or (
        rule.permission is not None and Perm(rule.permission) in SITE_ADMIN_PERMS
    )


def matrix_rows() -> list:
    declared = rules()
    params = []
    for name, case in CASES.items():
        rule = declared[name]
        methods = [m for m in ("GET", "POST") if m in rule.methods]
        # One method the view does not take, to see the 405 (after the access check).
        other = "POST" if "POST" not in rule.methods else "GET"
        if other not in rule.methods:
            methods.append(other)
        for method in methods:
            for index, state in enumerate(case.states):
                for role in ROLES:
                    if (index or method not in rule.methods) and role in ("anonymous", "outsider"):
                        continue  # they never get past the login or the 404: shown once
                    if role in ("site_admin", "plain_staff") and not _needs_site_admin(rule):
                        continue  # elsewhere they are just facilitators
                    status = expected(rule, case, role, method, state)
                    params.append(
                        pytest.param(
                            name,
                            method,
                            state,
                            role,
                            status,
                            id=f"{name}-{method}-{state or 'any'}-{role}",
                        )
                    )
    return params


# --- the world, built once ---------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), scopes_disabled(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def stub_pdf(monkeypatch):
    from ritsen.reports import services

    monkeypatch.setattr(services, "render_pdf", lambda report: b"%PDF-1.7 stub")
    monkeypatch.setattr(services, "html_to_pdf", lambda html: b"%PDF-1.7 stub")


def request_as(client, world: World, role: str, method: str, url: str, data: dict):
    if role != "anonymous":
        client.force_login(world.users[role], backend="django.contrib.auth.backends.ModelBackend")
    return client.post(url, data) if method == "POST" else client.get(url)


def check(response, status) -> None:
    if status == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == status, response.content[:300]


# --- the tests ---------------------------------------------------------------------


def test_every_url_is_covered():
    assert uncovered() == []


@pytest.mark.parametrize(("name", "method", "state", "role", "status"), matrix_rows())
def test_permission_matrix(db, client, world, stub_pdf, name, method, state, role, status):
    case = CASES[name]
    url = reverse(name, args=case.args(world, state))
    check(request_as(client, world, role, method, url, case.data), status)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_urls_answer_anonymous_visitors(db, client, name):
    args, status = PUBLIC[name]
    response = client.get(reverse(name, args=args))
    assert response.status_code == status
    if status == 302:
        assert not response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(AUTHENTICATED_ONLY))
def test_logged_in_pages_send_anonymous_visitors_to_the_login(db, client, name):
    check(client.get(reverse(name)), LOGIN)


def test_admin_needs_staff(db, client, world):
    client.force_login(world.users["coord_a"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_another_collaborations_round_is_404(db, client, world):
    # The outsider facilitates a collaboration of their own; asking for this round under
    # that collaboration's id must not find it.
    own = world.users["outsider"].memberships.get().collaboration
    client.force_login(world.users["outsider"], backend="django.contrib.auth.backends.ModelBackend")
    for name in ("assessments:round", "results:zipper", "exports:answers_csv"):
        url = reverse(name, args=[own.pk, world.rounds["shared"].pk])
        assert client.get(url).status_code == 404, name


def test_a_collaboration_that_does_not_exist_looks_like_one_you_may_not_see(db, client, world):
    client.force_login(world.users["outsider"], backend="django.contrib.auth.backends.ModelBackend")
    missing = client.get(reverse("collaborations:detail", args=[999999]))
    existing = client.get(reverse("collaborations:detail", args=[world.collab.pk]))
    assert missing.status_code == existing.status_code == 404


# --- a new page: one declared permission, and the matrix covers it -------------------


@pytest.fixture
def extra_urls(settings):
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "tests.extra_urls"
    clear_url_caches()
    yield get_resolver("tests.extra_urls")
    clear_url_caches()


def test_a_url_in_neither_the_matrix_nor_the_public_list_fails_the_walk(extra_urls):
    assert uncovered(extra_urls) == [
        "extra:notes: not in the permission matrix",
        "extra:forgotten: its view declares no rule",
    ]


def test_a_new_party_private_page_needs_one_declared_permission(db, client, world, extra_urls):
    # All a developer adds for the matrix is how to fill in the URL's arguments ...
    CASES["extra:notes"] = case = Case(args=party)
    try:
        assert uncovered(extra_urls) == ["extra:forgotten: its view declares no rule"]
        rule = rule_of(extra_urls.resolve(reverse("extra:notes", args=party(world, None))).func)
        # ... the statuses follow from the declared permission: party A's people only.
        statuses = {role: expected(rule, case, role, "GET", None) for role in ROLES}
        assert statuses == {
            "anonymous": LOGIN,
            "outsider": 404,
            "facilitator": 404,
            "site_admin": 404,
            "plain_staff": 404,
            "coord_a": 200,
            "member_a": 200,
            "coord_b": 404,
            "member_b": 404,
        }
        url = reverse("extra:notes", args=party(world, None))
        for role, status in statuses.items():
            client.logout()
            check(request_as(client, world, role, "GET", url, {}), status)
    finally:
        del CASES["extra:notes"]
