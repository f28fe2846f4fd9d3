"""The one permission policy: who may do what in a collaboration.

* :class:`Perm` names every permission; :data:`ROLE_GRANTS` is the one table from a
  person's role to what they may do — in the whole collaboration, or only for their own
  party. :func:`decide` is the pure rule; everything else asks it.
* Outsiders (no role in the collaboration) get **404** for everything in it.
* A permission about a party that the person is outside of (and holds nowhere else)
  answers **404**: a party's private data is invisible to other parties and to the
  facilitator, who must not even learn that it exists.
* Inside the party, or for the collaboration as a whole, a missing permission answers
  **403**.

Views declare their rule with :func:`collaboration_view` (the permission, the URL
argument naming the party, the allowed methods); services that change state take the
acting :class:`Access` as a keyword argument and call :meth:`Access.require` first, so
pages, commands and the API share the guard. Templates ask ``access.may.<permission>``
or ``{% can access "<permission>" party as allowed %}``; they never rebuild a rule.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django_scopes import scope

from ritsen.accounts.requests import AuthenticatedRequest
from ritsen.core.rules import Audience, ViewRule, allowed_methods, method_not_allowed

from .constants import Role
from .models import (
    Collaboration,
    Membership,
    Organisation,
    OrganisationRole,
    OrganisationRoleKind,
    Party,
)

if TYPE_CHECKING:
    from ritsen.accounts.models import User


class Perm(StrEnum):
    """Everything a person can be allowed to do in a collaboration."""

    # About the collaboration as a whole.
    VIEW = "view"  # see the collaboration and whatever it shares
    EDIT_COLLABORATION = "edit_collaboration"
    MANAGE_PARTIES = "manage_parties"
    INVITE_FACILITATORS = "invite_facilitators"
    # Open the invitation form and manage one's invitations; whom one may invite where
    # is decided by ``collaborations.services.may_invite``.
    INVITE_PEOPLE = "invite_people"
    # Invite the first coordinator of a party that has none (after that, the party's
    # own coordinators decide who joins it).
    INVITE_FIRST_COORDINATOR = "invite_first_coordinator"
    MANAGE_MEMBERSHIPS = "manage_memberships"
    MANAGE_ROUNDS = "manage_rounds"  # open and close assessment rounds
    DOWNLOAD_FULL_FILE = "download_full_file"  # the lossless export (every party's data)
    # The workspace (the registers of the links, and actions): shared with everyone in
    # the collaboration; a party's own items are its people's to edit, and the
    # facilitator moderates (edits and removes any shared item).
    EDIT_WORKSPACE = "edit_workspace"
    MODERATE_WORKSPACE = "moderate_workspace"
    # The lifecycle: move the collaboration to another stage (its guards decide whether
    # it may), record scale events, override the round's guard with a written reason.
    MANAGE_LIFECYCLE = "manage_lifecycle"
    # About one party.
    INVITE_TO_PARTY = "invite_to_party"
    SEE_PARTY_DATA = "see_party_data"  # the party's private data: profile, own results
    EDIT_PROFILE = "edit_profile"  # write, share and withdraw the party's profile
    MANAGE_RESPONDENTS = "manage_respondents"
    RELEASE_RESULTS = "release_results"
    EDIT_PARTY_WORKSPACE = "edit_party_workspace"  # the party's own workspace items
    # Accept, dispute or withdraw an agreement on behalf of the party (its coordinators).
    DECIDE_AGREEMENTS = "decide_agreements"
    # Approve a lifecycle transition on behalf of the party (its coordinators).
    APPROVE_LIFECYCLE = "approve_lifecycle"


#: Permissions that are asked about one party.
PARTY_PERMS = frozenset(
    {
        Perm.INVITE_TO_PARTY,
        Perm.SEE_PARTY_DATA,
        Perm.EDIT_PROFILE,
        Perm.MANAGE_RESPONDENTS,
        Perm.RELEASE_RESULTS,
        Perm.EDIT_PARTY_WORKSPACE,
        Perm.DECIDE_AGREEMENTS,
        Perm.APPROVE_LIFECYCLE,
    }
)
#: Permissions that also need a site administrator: the full file holds every party's
#: private data, which even a facilitator must not see on their own.
SITE_ADMIN_PERMS = frozenset({Perm.DOWNLOAD_FULL_FILE})
#: What makes someone a site administrator for those: this Django permission, given
#: explicitly (superusers hold every permission) — never "staff status" alone.
TRANSFER_PERMISSION = "collaborations.transfer_collaboration"


def is_site_admin(user: object) -> bool:
    has_perm = getattr(user, "has_perm", None)
    return bool(has_perm and has_perm(TRANSFER_PERMISSION))


@dataclass(frozen=True)
class Grants:
    everywhere: frozenset[Perm]  # in the whole collaboration, for every party
    own_party: frozenset[Perm] = frozenset()  # only for the person's own party


ROLE_GRANTS: Mapping[str, Grants] = {
    Role.FACILITATOR: Grants(
        everywhere=frozenset(
            {
                Perm.VIEW,
                Perm.EDIT_COLLABORATION,
                Perm.MANAGE_PARTIES,
                Perm.INVITE_FACILITATORS,
                Perm.INVITE_PEOPLE,
                Perm.INVITE_FIRST_COORDINATOR,
                Perm.MANAGE_MEMBERSHIPS,
                Perm.MANAGE_ROUNDS,
                Perm.DOWNLOAD_FULL_FILE,
                Perm.EDIT_WORKSPACE,
                Perm.MODERATE_WORKSPACE,
                Perm.MANAGE_LIFECYCLE,
            }
        )
    ),
    # A party decides who joins it: only its own coordinators invite into it.
    Role.COORDINATOR: Grants(
        everywhere=frozenset({Perm.VIEW, Perm.INVITE_PEOPLE, Perm.EDIT_WORKSPACE}),
        own_party=frozenset(
            {
                Perm.SEE_PARTY_DATA,
                Perm.EDIT_PROFILE,
                Perm.INVITE_TO_PARTY,
                Perm.MANAGE_RESPONDENTS,
                Perm.RELEASE_RESULTS,
                Perm.EDIT_PARTY_WORKSPACE,
                Perm.DECIDE_AGREEMENTS,
                Perm.APPROVE_LIFECYCLE,
            }
        ),
    ),
    Role.MEMBER: Grants(
        everywhere=frozenset({Perm.VIEW, Perm.EDIT_WORKSPACE}),
        own_party=frozenset({Perm.SEE_PARTY_DATA, Perm.EDIT_PARTY_WORKSPACE}),
    ),
}


class Outcome(Enum):
    ALLOW = 200
    FORBIDDEN = 403  # inside, but not allowed
    HIDDEN = 404  # outside: must not learn that it exists


def decide(
    role: str,
    perm: Perm,
    *,
    own_party: int | None,
    party: int | None = None,
    site_admin: bool = False,
) -> Outcome:
    """May someone with ``role`` (in ``own_party``) do ``perm`` (about ``party``)?

    ``party`` is the party asked about (``None``: the person's own party for a party
    permission, the collaboration for the others). Pure: the permission matrix test
    derives every expected status code from it.
    """
    grants = ROLE_GRANTS[role]
    if perm in grants.everywhere:
        allowed = True
    else:
        if perm in PARTY_PERMS and party is not None and party != own_party:
            return Outcome.HIDDEN
        allowed = perm in grants.own_party and own_party is not None
    if allowed and perm in SITE_ADMIN_PERMS and not site_admin:
        allowed = False
    return Outcome.ALLOW if allowed else Outcome.FORBIDDEN


class _May(Mapping[str, bool]):
    """``access.may.release_results`` in templates: the permission for the collaboration
    or, for a party permission, for the person's own party."""

    def __init__(self, access: Access) -> None:
        self._access = access

    def __getitem__(self, name: str) -> bool:
        try:
            perm = Perm(name)
        except ValueError:
            raise KeyError(name) from None
        return self._access.can(perm)

    def __iter__(self) -> Iterator[str]:
        return iter(Perm)

    def __len__(self) -> int:
        return len(Perm)


@dataclass(frozen=True)
class Access:
    """A person's standing in one collaboration, resolved once per request."""

    collaboration: Collaboration
    membership: Membership

    @property
    def user(self) -> User:
        return self.membership.user

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def party(self) -> Party | None:
        """The person's own party (``None`` for a facilitator)."""
        return self.membership.party

    # --- the rule ----------------------------------------------------------------------

    def outcome(self, perm: Perm, party: Party | None = None) -> Outcome:
        return decide(
            self.role,
            perm,
            own_party=self.membership.party_id,
            party=party.pk if party is not None else None,
            site_admin=is_site_admin(self.user),
        )

    def can(self, perm: Perm, party: Party | None = None) -> bool:
        return self.outcome(perm, party) is Outcome.ALLOW

    def require(self, perm: Perm, party: Party | None = None) -> None:
        """Raise 404 outside ``party`` (or the collaboration), 403 inside without ``perm``."""
        if party is not None and party.collaboration_id != self.collaboration.pk:
            raise Http404
        outcome = self.outcome(perm, party)
        if outcome is Outcome.HIDDEN:
            raise Http404
        if outcome is Outcome.FORBIDDEN:
            raise PermissionDenied

    @property
    def may(self) -> _May:
        return _May(self)

    def parties_where(self, perm: Perm) -> list[Party]:
        """The collaboration's parties for which the person holds ``perm``."""
        return [party for party in self.parties() if self.can(perm, party)]

    # --- lookups inside the collaboration -------------------------------------------

    def parties(self) -> list[Party]:
        if not hasattr(self, "_parties"):
            parties = list(self.collaboration.parties.select_related("organisation").order_by("pk"))
            object.__setattr__(self, "_parties", parties)
        return list(self._parties)  # type: ignore[attr-defined]

    def get_party(self, party_id: int | str) -> Party:
        """A party of this collaboration (404 for any other id)."""
        for party in self.parties():
            if str(party.pk) == str(party_id):
                return party
        raise Http404

    def round(self, round_id: int) -> Any:
        """A round of this collaboration (404 for a round of another collaboration)."""
        return get_object_or_404(self.collaboration.rounds.select_related("framework"), pk=round_id)


def access_for(user: User, collaboration: Collaboration | int) -> Access:
    """The user's access to a collaboration; 404 when they have no role in it."""
    collaboration_id = (
        collaboration.pk if isinstance(collaboration, Collaboration) else collaboration
    )
    membership = (
        Membership.objects.select_related("user", "party__organisation", "collaboration__framework")
        .filter(user=user, collaboration_id=collaboration_id)
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if membership is None:
        raise Http404
    return Access(collaboration=membership.collaboration, membership=membership)


class CollaborationRequest(AuthenticatedRequest):
    """The request a collaboration view gets: logged in, with its :class:`Access`."""

    access: Access


View = Callable[..., HttpResponse]
#: Finds the party an object in the URL belongs to (``None``: it belongs to no party).
PartyOf = Callable[[Access, Mapping[str, Any]], Party | None]
OBJECT_PARTY = "<the party of the object in the URL>"


def collaboration_view(
    perm: Perm, *, party: str | PartyOf | None = None, methods: Sequence[str] = ("GET",)
) -> Callable[[View], View]:
    """Decorator: the view needs ``perm`` in the collaboration of ``collaboration_id``.

    Anonymous visitors go to the login page; outsiders get 404; then a method that is
    not in ``methods`` gets 405; then the permission is checked — about a party when
    ``party`` says which: the name of a URL argument (the view then receives the
    :class:`Party` as ``party``, with the ORM scoped to that party's private data), or
    a function that finds the party of the object the URL names. The view gets
    ``request.access``.
    """
    if party is not None and perm not in PARTY_PERMS:
        raise ValueError(f"{perm} is not asked about a party")
    allowed = allowed_methods(methods)

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(
            request: HttpRequest, collaboration_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = access_for(request.user, collaboration_id)
            request.access = access  # type: ignore[attr-defined]
            refused = method_not_allowed(request, allowed)
            if refused is not None:
                return refused
            if party is None:
                access.require(perm)
                return view(request, *args, **kwargs)
            if callable(party):
                access.require(perm, party=party(access, kwargs))
                return view(request, *args, **kwargs)
            party_obj = access.get_party(kwargs.pop(party))
            access.require(perm, party=party_obj)
            with scope(party=[party_obj.pk]):
                return view(request, *args, party=party_obj, **kwargs)

        wrapper.rule = ViewRule(  # type: ignore[attr-defined]
            audience=Audience.COLLABORATION,
            methods=allowed,
            permission=str(perm),
            party_arg=OBJECT_PARTY if callable(party) else party,
        )
        return wrapper

    return decorate


# --- portfolios: which collaborations someone oversees -----------------------------------


class PortfolioView(StrEnum):
    """How someone looks at an organisation's portfolio."""

    MANAGER = "manager"  # a portfolio manager (or administrator) of the organisation
    MEMBER = "member"  # someone in one of the organisation's parties


def portfolio_view(user: User, organisation: Organisation) -> PortfolioView | None:
    """Whether (and how) ``user`` sees ``organisation``'s portfolio; None: not at all
    (404 — an outsider does not learn which organisations take part in what)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if OrganisationRole.objects.filter(organisation=organisation, user=user).exists():
        return PortfolioView.MANAGER
    if Membership.objects.filter(user=user, party__organisation=organisation).exists():
        return PortfolioView.MEMBER
    return None


def administers(user: Any, organisation: Organisation) -> bool:
    """Whether ``user`` is an administrator of ``organisation``: they grant and revoke
    its roles (portfolio managers, administrators)."""
    return bool(getattr(user, "is_authenticated", False)) and (
        OrganisationRole.objects.filter(
            organisation=organisation, user=user, role=OrganisationRoleKind.ADMINISTRATOR
        ).exists()
    )


def portfolio_collaborations(
    user: User, organisation: Organisation, view: PortfolioView
) -> QuerySet[Collaboration]:
    """The collaborations of ``organisation``'s portfolio that ``user`` sees: a portfolio
    manager every collaboration the organisation is a party to — seeing in each what
    the organisation's own party's people see —, anyone else only those they are in.
    A party whose own data was erased after it left (the lifecycle's departure) no
    longer brings its organisation's portfolio into the collaboration."""
    # Subqueries, not joins: no DISTINCT over the rows a page sorts and pages.
    parties = Party.objects.filter(organisation=organisation).exclude(
        departure__erased_at__isnull=False
    )
    found = Collaboration.objects.filter(pk__in=parties.values("collaboration_id"))
    if view is not PortfolioView.MANAGER:
        found = found.filter(pk__in=Membership.objects.filter(user=user).values("collaboration_id"))
    return found


def portfolio_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose portfolio ``user`` sees (:func:`portfolio_view`)."""
    return Organisation.objects.filter(
        Q(roles__user=user) | Q(parties__memberships__user=user)
    ).distinct()


def facilitated_collaborations(user: User) -> QuerySet[Collaboration]:
    """The collaborations ``user`` facilitates (their own portfolio)."""
    return Collaboration.objects.filter(
        pk__in=Membership.objects.filter(user=user, role=Role.FACILITATOR).values(
            "collaboration_id"
        )
    )
