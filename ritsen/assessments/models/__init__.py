from .respondents import RespondentInvitation, Response
from .rounds import PartyRelease, Round, RoundState

__all__ = ["PartyRelease", "RespondentInvitation", "Response", "Round", "RoundState"]
