"""What is waiting for someone in the rits-scan: open a round, invite respondents,
remind them, release the results — and the open round on each collaboration's card."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.home import NextStep, Tone
from ritsen.collaborations.models import Collaboration
from ritsen.collaborations.selectors import parties_of

from . import selectors, visibility
from .models import Round, RoundState


def day(moment: Any) -> str:
    """A date as the user's language writes it ("5 juni 2026", "5 June 2026")."""
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def _respondent_steps(access: Access, round_: Round) -> list[NextStep]:
    assert access.party is not None
    progress = selectors.party_progress(round_, access.party)
    url = reverse(
        "assessments:respondents", args=[access.collaboration.pk, round_.pk, access.party.pk]
    )
    if progress.invited == 0:
        return [
            NextStep(
                _(
                    "The round “%(round)s” is open: invite your party's respondents, by "
                    "email or with anonymous links."
                )
                % {"round": round_.title},
                url=url,
                label=_("Invite respondents"),
                priority=20,
            )
        ]
    text = ngettext(
        "%(submitted)s of %(invited)s respondent has submitted.",
        "%(submitted)s of %(invited)s respondents have submitted.",
        progress.invited,
    ) % {"submitted": progress.submitted, "invited": progress.invited}
    if progress.submitted >= progress.invited:
        return [NextStep(text, url=url, label=_("View respondents"), tone=Tone.DONE, priority=85)]
    if round_.closes_at is not None:
        text += " " + _("The round closes on %(date)s.") % {"date": day(round_.closes_at)}
    return [NextStep(text, url=url, label=_("Send a reminder"), priority=25)]


def round_steps(access: Access) -> list[NextStep]:
    collaboration = access.collaboration
    latest = collaboration.rounds.first()
    if latest is None:
        if access.can(Perm.MANAGE_ROUNDS) and len(parties_of(collaboration)) >= 2:
            return [
                NextStep(
                    _(
                        "Open the first rits-scan round: the respondents of every party rate "
                        "the links of the zipper."
                    ),
                    url=reverse("assessments:round_create", args=[collaboration.pk]),
                    label=_("Open a round"),
                    priority=40,
                )
            ]
        return []
    party = access.party
    if visibility.accepts_answers(latest):
        if party is not None and access.can(Perm.MANAGE_RESPONDENTS, party=party):
            return _respondent_steps(access, latest)
        rows = selectors.progress(latest)
        submitted, invited = sum(r.submitted for r in rows), sum(r.invited for r in rows)
        text = _("The round “%(round)s” is open.") % {"round": latest.title}
        if access.can(Perm.MANAGE_ROUNDS):
            text += " " + ngettext(
                "%(submitted)s of %(invited)s respondent has submitted.",
                "%(submitted)s of %(invited)s respondents have submitted.",
                invited,
            ) % {"submitted": submitted, "invited": invited}
        if latest.closes_at is not None:
            text += " " + _("The round closes on %(date)s.") % {"date": day(latest.closes_at)}
        return [
            NextStep(
                text,
                url=latest.get_absolute_url(),
                label=_("View the round"),
                tone=Tone.WAIT,
                priority=45,
            )
        ]
    if latest.state == RoundState.CLOSED:
        released = visibility.released_party_ids(latest)
        if (
            party is not None
            and party.pk not in released
            and access.can(Perm.RELEASE_RESULTS, party=party)
        ):
            return [
                NextStep(
                    _(
                        "The round “%(round)s” has closed: review your party's results, then "
                        "release them."
                    )
                    % {"round": latest.title},
                    url=reverse("results:party", args=[collaboration.pk, latest.pk, party.pk]),
                    label=_("Review and release"),
                    priority=10,
                )
            ]
        count = len(parties_of(collaboration))
        return [
            NextStep(
                ngettext(
                    "The round “%(round)s” has closed. %(released)s of %(count)s party has "
                    "released its results; they are shared when every party has.",
                    "The round “%(round)s” has closed. %(released)s of %(count)s parties have "
                    "released their results; they are shared when every party has.",
                    count,
                )
                % {"round": latest.title, "released": len(released), "count": count},
                url=latest.get_absolute_url(),
                label=_("View the round"),
                tone=Tone.WAIT,
                priority=50,
            )
        ]
    return []


def open_round_cards(collaborations: Sequence[Collaboration]) -> Mapping[int, Mapping[str, Any]]:
    """The open round of each collaboration that has one (one query)."""
    rounds = Round.objects.filter(collaboration__in=collaborations, state=RoundState.OPEN)
    return {round_.collaboration_id: {"round": round_} for round_ in rounds}
