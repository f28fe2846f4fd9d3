from .collaborations import Collaboration, CollaborationQuerySet, Organisation, Party, PartyLike
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
    "Party",
    "PartyLike",
    "PartyProfile",
    "ProfileVersion",
]
