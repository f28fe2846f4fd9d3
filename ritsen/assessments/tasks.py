"""Mail to respondents, sent by the background worker.

The task gets invitation ids only — no addresses, no links — and at sending time
decides for each invitation whether it still makes sense: the round still takes
answers, the invitation was not withdrawn, and its holder has not submitted. The last
of those is known only through the keyed mark of :mod:`.services.answering`, so the
coordinator who asked for the mail, the page and the database all stay ignorant of
who has answered. The task returns nothing (its result is stored).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks import task

from . import visibility
from .models import RespondentInvitation
from .services.answering import has_submitted
from .services.respondents import invitation_token, respondent_url

Mail = tuple[str, str, str, list[str]]


def _message(invitation: RespondentInvitation, token: str, *, reminder: bool) -> Mail:
    round_ = invitation.round
    context = {
        "round": round_,
        "party": invitation.party,
        "collaboration": round_.collaboration,
        "url": respondent_url(token),
        "reminder": reminder,
    }
    with translation.override(round_.language):
        if reminder:
            subject = _("Reminder: your answers for “%(title)s”") % {"title": round_.title}
        else:
            subject = _("Your opinion on the collaboration “%(name)s”") % {
                "name": round_.collaboration.name
            }
        body = render_to_string("assessments/email/respondent_invitation.txt", context)
    return (subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


@task()
def mail_respondents(invitation_ids: list[int], reminder: bool) -> None:
    messages = []
    with scopes_disabled():
        invitations = (
            RespondentInvitation.objects.filter(pk__in=invitation_ids, revoked_at__isnull=True)
            .exclude(email="")
            .select_related("round__collaboration", "party__organisation")
            .order_by("pk")
        )
        for invitation in invitations:
            token = invitation_token(invitation)
            if token is None or not visibility.accepts_answers(invitation.round):
                continue
            if has_submitted(token):
                continue
            messages.append(_message(invitation, token, reminder=reminder))
    if messages:
        send_mass_mail(messages, fail_silently=False)
