"""Who may join a party: the party decides.

Facilitators invite facilitators. Into a party only its own coordinators invite —
except its very first coordinator, whom the facilitator invites while the party has
never had one. An invitation of that kind stops working once the party has a
coordinator. A facilitator may remove people, but cannot then choose a party's new
coordinator: a party that lost its last coordinator gets one through the site's
operator (the Django admin), not through the facilitator. The
invitation form, the services and the list of invitations someone may manage all ask
:func:`may_invite`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .access import Access, Perm
from .constants import Role
from .models import Invitation, Membership, MembershipEvent, Party


def parties_with_coordinator(parties: Iterable[Party]) -> set[int]:
    """Of ``parties``, the ids of those that have, or ever had, a coordinator (a
    coordinator's removal leaves an event). Two queries for any number of parties."""
    ids = [party.pk for party in parties]
    return set(
        Membership.objects.filter(party_id__in=ids, role=Role.COORDINATOR).values_list(
            "party_id", flat=True
        )
    ) | set(
        MembershipEvent.objects.filter(party_id__in=ids, role=Role.COORDINATOR).values_list(
            "party_id", flat=True
        )
    )


def has_coordinator(party: Party) -> bool:
    return party.pk in parties_with_coordinator([party])


def may_invite(access: Access, *, role: str, party: Party | None) -> bool:
    """The one rule for invitations. Facilitators invite facilitators. Into a party
    only its own coordinators invite — except its first coordinator, whom the
    facilitator invites while the party has never had one."""
    if role == Role.FACILITATOR:
        return party is None and access.can(Perm.INVITE_FACILITATORS)
    if party is None or party.collaboration_id != access.collaboration.pk:
        return False
    if access.can(Perm.INVITE_TO_PARTY, party=party):
        return True
    return (
        role == Role.COORDINATOR
        and access.can(Perm.INVITE_FIRST_COORDINATOR)
        and not has_coordinator(party)
    )


def invitable_parties(access: Access) -> list[Party]:
    """The parties this person may invite someone into (in some role)."""
    return [
        party
        for party in access.collaboration.parties.select_related("organisation")
        if may_invite(access, role=Role.COORDINATOR, party=party)
    ]


def first_coordinator_invitation(invitation: Invitation) -> bool:
    """Made by someone who is not a coordinator of the party (the facilitator, for the
    party's first coordinator): valid only while the party has no coordinator."""
    if invitation.party is None:
        return False
    if invitation.invited_by_id is None:  # the inviter's account is gone
        return True
    return not Membership.objects.filter(
        user_id=invitation.invited_by_id, party=invitation.party, role=Role.COORDINATOR
    ).exists()
