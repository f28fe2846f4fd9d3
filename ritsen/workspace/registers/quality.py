"""Link 7, quality management: can we make mistakes together, develop and grow?

An improvement log — incidents, lessons and ideas, described without blame, with the
root cause, the link it concerns and what is done about it — and review meetings held
at a set cadence (every N weeks), with minutes and the next date. Complete when a
cadence is set, the last review is not overdue, and every incident older than
:data:`INCIDENT_DAYS` days has a root cause or an action.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ritsen.workspace.completeness import Completeness, RegisterData, filled

from .base import ItemKind, Register, RegisterItem

LINK = "quality"
INCIDENT_DAYS = 30
MAX_CADENCE_WEEKS = 104  # two years between reviews at most


class EntryKind(models.TextChoices):
    INCIDENT = "incident", _("incident")
    LESSON = "lesson", _("lesson")
    IDEA = "idea", _("idea")


class Improvement(RegisterItem):
    """An entry of the improvement log (``link_key``: the link it concerns)."""

    kind = models.CharField(
        _("kind"), max_length=10, choices=EntryKind.choices, default=EntryKind.INCIDENT
    )
    description = models.TextField(
        _("what happened"),
        max_length=5000,
        help_text=_("Blameless: what happened and what it caused, not who is to blame."),
    )
    root_cause = models.TextField(_("root cause"), max_length=5000, blank=True)
    action = models.TextField(_("what we do about it"), max_length=2000, blank=True)

    class Meta(RegisterItem.Meta):
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")

    def __str__(self) -> str:
        return self.description[:80]


class Review(RegisterItem):
    """A review meeting of the collaboration's quality, and when the next one is."""

    held_on = models.DateField(_("held on"))
    cadence_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CADENCE_WEEKS)],
        help_text=_("The review cadence."),
    )
    minutes = models.TextField(_("minutes"), max_length=10000, blank=True)
    next_on = models.DateField(_("next review"), null=True, blank=True)

    class Meta(RegisterItem.Meta):
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")

    def __str__(self) -> str:
        return str(self.held_on)


def next_review(review: Mapping[str, Any]) -> datetime.date | None:
    """When the review after ``review`` is due: its next date, or its cadence on."""
    if review.get("next_on") is not None:
        return review["next_on"]
    if review.get("cadence_weeks"):
        return review["held_on"] + datetime.timedelta(weeks=review["cadence_weeks"])
    return None


def completeness(data: RegisterData) -> Completeness:
    reviews = sorted(data.of("reviews"), key=lambda r: (r["held_on"], r.get("id") or 0))
    last = reviews[-1] if reviews else None
    due = next_review(last) if last is not None else None
    checks: list[tuple[bool, str | Promise]] = [
        (
            last is not None and bool(last["cadence_weeks"]),
            _("Hold a review meeting and set how often you review (every N weeks)."),
        ),
        (
            due is not None and due >= data.today,
            _("The next review meeting is overdue."),
        ),
    ]
    if not reviews and not data.of("improvements"):
        return Completeness.of(checks)  # an empty register: 0 %, not a third for no incidents
    limit = data.today - datetime.timedelta(days=INCIDENT_DAYS)
    open_incidents = [
        entry
        for entry in data.of("improvements")
        if entry["kind"] == EntryKind.INCIDENT
        and _day(entry["created_at"]) <= limit
        and not (filled(entry["root_cause"]) or filled(entry["action"]))
    ]
    checks.append(
        (
            not open_incidents,
            ngettext(
                "%(count)s incident older than %(days)s days has no root cause or action.",
                "%(count)s incidents older than %(days)s days have no root cause or action.",
                len(open_incidents),
            )
            % {"count": len(open_incidents), "days": INCIDENT_DAYS},
        )
    )
    return Completeness.of(checks)


def _day(value: Any) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


IMPROVEMENTS = ItemKind(
    key="improvements",
    model=Improvement,
    fields=["kind", "link_key", "description", "root_cause", "action"],
    columns=["kind", "link_key", "description", "root_cause", "action"],
    label=_("entry of the improvement log"),
    label_plural=_("Improvement log"),
    help_text=_("Incidents, lessons and ideas — to learn from, not to blame."),
)
REVIEWS = ItemKind(
    key="reviews",
    model=Review,
    fields=["held_on", "cadence_weeks", "minutes", "next_on"],
    columns=["held_on", "cadence_weeks", "next_on", "minutes"],
    label=_("review meeting"),
    label_plural=_("Review meetings"),
)

REGISTER = Register(
    key="quality",
    link_key=LINK,
    title=_("Quality management"),
    question=_("Can we make mistakes together, develop and grow?"),
    kinds=[IMPROVEMENTS, REVIEWS],
    completeness=completeness,
)
