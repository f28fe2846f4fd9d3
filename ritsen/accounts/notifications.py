"""Email notifications: what Ritsen tells people, and their opt-out for each kind.

:class:`Notice` declares every kind once, with the words the profile page uses for
its checkbox. :func:`notify` is the only way to send one: it renders the message per
recipient in their own language, leaves out those who turned that kind off, adds the
line that says where to turn it off, and queues the mail for the background worker
once the surrounding transaction commits (a slow mail server never slows a page, and
a rolled-back change sends nothing).

Invitations into a collaboration are not a notice: they carry the only way in, so
they are always sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ritsen.core import mail

from .models import User


class Notice(models.TextChoices):
    ROUND_OPENED = "round_opened", _("a rits-scan round opens (coordinators: invite respondents)")
    ROUND_CLOSING = "round_closing", _("a round closes in 3 days (coordinators)")
    ROUND_CLOSED = "round_closed", _("a round has closed (coordinators: review and release)")
    ROUND_SHARED = "round_shared", _("every party has released and the results are shared")
    MEMBERSHIP_CHANGED = "membership_changed", _("someone joins or leaves my party (coordinators)")
    ACTION_DUE = "action_due", _("an action I own (or my party owns) falls due")


def wants(user: User, notice: Notice | str) -> bool:
    return str(notice) not in (user.muted_notices or [])


def notify(
    notice: Notice,
    recipients: Iterable[User],
    *,
    template: str,
    subject: str,
    context: Mapping[str, Any],
) -> int:
    """Queue ``notice`` for each recipient who wants it; returns how many. ``template``
    renders the body and ``subject`` is a template string rendered with the same
    context (both in the recipient's language)."""
    messages: list[mail.Mail] = []
    seen: set[str] = set()
    settings_url = settings.BASE_URL + reverse("accounts:profile")
    for user in recipients:
        if not user.is_active or user.email in seen or not wants(user, notice):
            continue
        seen.add(user.email)
        with translation.override(user.language or settings.LANGUAGE_CODE):
            data = {**context, "recipient": user, "notice": notice, "settings_url": settings_url}
            body = "\n".join(
                [
                    render_to_string(template, data),
                    render_to_string("accounts/email/_notice_footer.txt", data),
                ]
            )
            title = render_to_string(subject, data).strip()
        messages.append((title, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    if messages:
        transaction.on_commit(lambda: mail.send_later(messages))
    return len(messages)
