from .collaborations import (
    Collaboration,
    CollaborationQuerySet,
    Organisation,
    OrganisationRole,
    OrganisationRoleKind,
    Party,
    PartyLike,
)
from .memberships import Invitation, Membership, MembershipEvent
from .profiles import PROFILE_QUESTIONS, PartyProfile, ProfileVersion

__all__ = [
    "PROFILE_QUESTIONS",
    "Collaboration",
    "CollaborationQuerySet",
    "Invitation",
    "Membership",
    "MembershipEvent",
    "Organisation",
    "OrganisationRole",
    "OrganisationRoleKind",
    "Party",
    "PartyLike",
    "PartyProfile",
    "ProfileVersion",
]
