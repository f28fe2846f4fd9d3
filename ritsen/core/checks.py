"""``ritsen check --deploy``: what a production installation must not do."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

#: Backends that write mail — and the respondents' personal links in it — to a log or
#: a file instead of sending it.
MAIL_TO_LOG = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(Tags.security, deploy=True)
def mail_is_not_logged(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if settings.EMAIL_BACKEND in MAIL_TO_LOG:
        return [
            Warning(
                "Mail is written to the log or to files, not sent: every respondent's "
                "personal link would end up there.",
                hint="Set RITSEN_EMAIL_BACKEND to an SMTP backend (the default) and "
                "RITSEN_EMAIL_HOST to your mail server.",
                id="ritsen.W001",
            )
        ]
    return []
