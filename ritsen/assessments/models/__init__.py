from .respondents import Channel, RespondentInvitation, RespondentMark, Response
from .rounds import PartyRelease, Round, RoundState

__all__ = [
    "Channel",
    "PartyRelease",
    "RespondentInvitation",
    "RespondentMark",
    "Response",
    "Round",
    "RoundState",
]
