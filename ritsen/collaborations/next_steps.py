"""What is waiting for someone in the preparation: parties, coordinators, profiles."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .access import Access, Perm
from .constants import PreparationStatus
from .home import NextStep, Tone
from .joining import parties_with_coordinator
from .selectors import preparation_status


def preparation_steps(access: Access) -> list[NextStep]:
    collaboration = access.collaboration
    status = preparation_status(collaboration)
    steps: list[NextStep] = []
    if access.can(Perm.MANAGE_PARTIES) and len(status) < 2:
        steps.append(
            NextStep(
                _("Add the parties that work together: at least two.")
                if not status
                else _("Add the other party: a collaboration needs at least two."),
                url=reverse("collaborations:party_add", args=[collaboration.pk]),
                label=_("Add a party"),
                priority=10,
            )
        )
    if access.can(Perm.INVITE_FIRST_COORDINATOR):
        having = parties_with_coordinator(party for party, _status in status)
        without = [party for party, _status in status if party.pk not in having]
        if without:
            steps.append(
                NextStep(
                    ngettext(
                        "%(parties)s has no coordinator yet: invite its first coordinator, "
                        "who then invites the rest of the party.",
                        "%(parties)s have no coordinator yet: invite their first "
                        "coordinators, who then invite the rest of their party.",
                        len(without),
                    )
                    % {"parties": ", ".join(party.name for party in without)},
                    url=reverse("collaborations:invite", args=[collaboration.pk]),
                    label=_("Invite a coordinator"),
                    priority=15,
                )
            )
    own = next((s for party, s in status if party == access.party), None)
    shared = sum(1 for _party, s in status if s == PreparationStatus.SHARED)
    if own is not None and own != PreparationStatus.SHARED and access.party is not None:
        if access.can(Perm.EDIT_PROFILE, party=access.party):
            steps.append(
                NextStep(
                    _(
                        "Reflect on your own party first: who you are, what you want, why and "
                        "how. Fill in your profile and share it."
                    ),
                    url=reverse(
                        "collaborations:profile_edit", args=[collaboration.pk, access.party.pk]
                    ),
                    label=_("Fill in the profile")
                    if own == PreparationStatus.NOT_STARTED
                    else _("Continue the profile"),
                    priority=30,
                )
            )
        else:
            steps.append(
                NextStep(
                    _("Your party's coordinator has not shared its profile yet."),
                    tone=Tone.WAIT,
                    priority=60,
                )
            )
    elif len(status) >= 2 and shared < len(status):
        steps.append(
            NextStep(
                ngettext(
                    "%(shared)s of %(count)s party has shared its profile.",
                    "%(shared)s of %(count)s parties have shared their profile.",
                    len(status),
                )
                % {"shared": shared, "count": len(status)},
                tone=Tone.WAIT,
                priority=70,
            )
        )
    elif len(status) >= 2:
        steps.append(
            NextStep(
                _("Every party has shared its profile: compare them side by side."),
                url=reverse("collaborations:profiles", args=[collaboration.pk]),
                label=_("Compare the profiles"),
                tone=Tone.DONE,
                priority=90,
            )
        )
    return steps
