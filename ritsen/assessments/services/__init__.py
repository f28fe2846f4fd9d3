"""Operations on assessment rounds: open and close, invite respondents, answer,
release. Views, commands, the demo (and the API) call these.

Operations by people take the acting :class:`~ritsen.collaborations.access.Access`
and check its permission first; respondents act through a secret, which is their key.
What is visible when is decided in :mod:`ritsen.assessments.visibility`; what may be
known about respondents (counts) in :mod:`ritsen.assessments.selectors`.
"""

from .answering import (
    Entry,
    LinkProgress,
    Refusal,
    Session,
    enter,
    has_submitted,
    is_claim_ticket,
    link_progress,
    open_session,
    resume_link,
    save_link_answers,
    set_language,
    submit,
)
from .respondents import (
    MAX_LINKS_AT_ONCE,
    AnonymousLink,
    InviteOutcome,
    generate_links,
    invitation_token,
    invite_respondents,
    parse_emails,
    personal_invitations,
    resend_invitation,
    respondent_url,
    revoke_invitation,
    send_reminders,
)
from .rounds import (
    close_due_rounds,
    close_round,
    current_round,
    erase_closed_round_links,
    erase_links,
    open_round,
    release,
)

__all__ = [
    "MAX_LINKS_AT_ONCE",
    "AnonymousLink",
    "Entry",
    "InviteOutcome",
    "LinkProgress",
    "Refusal",
    "Session",
    "close_due_rounds",
    "close_round",
    "current_round",
    "enter",
    "erase_closed_round_links",
    "erase_links",
    "generate_links",
    "has_submitted",
    "link_progress",
    "resume_link",
    "invitation_token",
    "invite_respondents",
    "is_claim_ticket",
    "open_round",
    "open_session",
    "parse_emails",
    "personal_invitations",
    "release",
    "resend_invitation",
    "respondent_url",
    "revoke_invitation",
    "save_link_answers",
    "send_reminders",
    "set_language",
    "submit",
]
