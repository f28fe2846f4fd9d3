"""The one list of languages Ritsen speaks. Dutch comes first and is the default."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Language codes, the default first.
CODES: tuple[str, ...] = ("nl", "en")
DEFAULT = CODES[0]

#: For Django's ``LANGUAGES`` setting: names in the reader's language.
LANGUAGE_CHOICES = [("nl", _("Dutch")), ("en", _("English"))]


class Language(models.TextChoices):
    """A language as a choice on a model, named in its own language."""

    DUTCH = "nl", "Nederlands"
    ENGLISH = "en", "English"


def supported(code: str | None) -> str | None:
    """``code`` (or its first two letters) if Ritsen speaks it, else ``None``."""
    short = (code or "").strip().lower()[:2]
    return short if short in CODES else None


def or_default(code: str | None) -> str:
    return supported(code) or DEFAULT
