from .respondents import RespondentInvitation, Response
from .rounds import PartyRelease, Round, RoundQuerySet

__all__ = ["PartyRelease", "RespondentInvitation", "Response", "Round", "RoundQuerySet"]
