"""Reads about collaborations, parties and profiles — and what of a party is shared.

A party's profile is private until *every* party has shared its own: then all profiles
appear side by side. That rule lives in :func:`profiles_side_by_side`; every other page
asks it. The preparation status of a party (not started / in progress / shared) is
public inside the collaboration; its content is not.

Profiles are party-private models (scoped, see :mod:`ritsen.collaborations.access`):
the functions that read several parties' profiles open the scope for exactly what
they return.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django_scopes import scope

from . import sharing
from .access import Access, Perm
from .constants import PreparationStatus, Role
from .joining import may_invite
from .models import (
    Collaboration,
    Invitation,
    Membership,
    MembershipEvent,
    Organisation,
    Party,
    PartyProfile,
)

if TYPE_CHECKING:
    from ritsen.accounts.models import User


def memberships_of(user: User) -> QuerySet[Membership]:
    """Someone's roles in collaborations, newest collaboration first (the list page and
    the API)."""
    return (
        Membership.objects.filter(user=user)
        .select_related("collaboration__framework", "party__organisation")
        .order_by("-collaboration__created_at", "-collaboration__pk")
    )


def parties_of(collaboration: Collaboration) -> list[Party]:
    return list(collaboration.parties.select_related("organisation").order_by("pk"))


def profile_of(party: Party) -> PartyProfile:
    """The party's own profile (unsaved and empty if nobody wrote anything yet).

    Only for code that already runs in the party's scope (a view that declared the
    party's permission).
    """
    profile = PartyProfile.objects.filter(party=party).first()
    if profile is None:
        return PartyProfile(party=party)
    profile.party = party
    return profile


def preparation_status(collaboration: Collaboration) -> list[tuple[Party, str]]:
    """Each party with where it stands in the preparation (never the content)."""
    parties = parties_of(collaboration)
    with scope(party=[party.pk for party in parties]):
        profiles = {p.party_id: p.status for p in PartyProfile.objects.filter(party__in=parties)}
    return [(party, profiles.get(party.pk, PreparationStatus.NOT_STARTED)) for party in parties]


def profiles_side_by_side(collaboration: Collaboration) -> list[PartyProfile] | None:
    """Every party's profile, in party order, once *every* party has shared; else ``None``."""
    return sharing.side_by_side(PartyProfile, parties_of(collaboration))


def all_shared(collaboration: Collaboration) -> bool:
    return profiles_side_by_side(collaboration) is not None


def organisations_known_to(user: User) -> QuerySet[Organisation]:
    """Organisations from the user's own collaborations (never the whole register)."""
    visible = Collaboration.objects.visible_to(user)
    return Organisation.objects.filter(parties__collaboration__in=visible).distinct()


def manageable_invitations(access: Access) -> list[Invitation]:
    """The pending invitations this person may see and revoke (:func:`may_invite`)."""
    invitations = access.collaboration.invitations.pending().select_related(
        "party__organisation", "party__collaboration"
    )
    return [
        invitation
        for invitation in invitations
        if may_invite(access, role=invitation.role, party=invitation.party)
    ]


def membership_events(access: Access) -> dict[int | None, list[MembershipEvent]]:
    """Per party the person belongs to (``None``: the facilitators, for a facilitator),
    who joined and left it and who made that happen — newest first, the last 50."""
    parties = [party.pk for party in access.parties_where(Perm.SEE_PARTY_DATA)]
    events: dict[int | None, list[MembershipEvent]] = {party: [] for party in parties}
    query = access.collaboration.membership_events.filter(party__in=parties)
    if access.can(Perm.INVITE_FACILITATORS):
        events[None] = []
        query = query | access.collaboration.membership_events.filter(party__isnull=True)
    for event in query.order_by("-at", "-pk")[: 50 * len(events)]:
        if len(events[event.party_id]) < 50:
            events[event.party_id].append(event)
    return events


def people(access: Access) -> tuple[list[Membership], list[tuple[Party, list[Membership]]]]:
    """The facilitators, and each party with its people."""
    memberships = list(
        access.collaboration.memberships.select_related("user", "party__organisation").order_by(
            "party_id", "role", "user__name", "user__email"
        )
    )
    facilitators = [m for m in memberships if m.role == Role.FACILITATOR]
    by_party = [
        (party, [m for m in memberships if m.party_id == party.pk]) for party in access.parties()
    ]
    return facilitators, by_party
