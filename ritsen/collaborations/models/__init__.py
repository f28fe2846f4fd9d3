from .collaborations import Collaboration, CollaborationQuerySet, Organisation, Party
from .memberships import Invitation, Membership
from .profiles import PROFILE_QUESTIONS, PartyProfile, ProfileVersion

__all__ = [
    "PROFILE_QUESTIONS",
    "Collaboration",
    "CollaborationQuerySet",
    "Invitation",
    "Membership",
    "Organisation",
    "Party",
    "PartyProfile",
    "ProfileVersion",
]
