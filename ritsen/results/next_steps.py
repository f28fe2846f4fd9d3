"""Where a collaboration stands by its shared results: the results section, the step
after sharing (the dialogue), the links' latest state and each card's zipper."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ritsen.assessments import visibility
from ritsen.assessments.models import Round, RoundState
from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.home import NextStep, Tone
from ritsen.collaborations.models import Collaboration
from ritsen.frameworks.spec import Link

from .marks import marks_for
from .models import ResultSnapshot
from .scoring import LinkState, ZipperState


@dataclass(frozen=True)
class Standing:
    """The latest shared round of a collaboration, in a few words."""

    round: Round
    state: ZipperState
    weakest: Link | None
    link_states: Mapping[int, LinkState]


def standings(collaborations: Sequence[Collaboration]) -> dict[int, Standing]:
    """Per collaboration with a shared round: its latest one (two queries in all)."""
    latest: dict[int, Round] = {}
    for round_ in (
        Round.objects.filter(collaboration__in=collaborations, state=RoundState.SHARED)
        .select_related("framework")
        .order_by("collaboration_id", "-shared_at", "-pk")
    ):
        latest.setdefault(round_.collaboration_id, round_)
    rows = ResultSnapshot.objects.filter(round__in=latest.values()).values_list(
        "round_id", "results__zipper", "results__links"
    )
    by_round = {round_id: (zipper, links) for round_id, zipper, links in rows}
    found = {}
    for collaboration_id, round_ in latest.items():
        if round_.pk not in by_round:
            continue
        zipper, links = by_round[round_.pk]
        weakest = zipper.get("weakest_link")
        found[collaboration_id] = Standing(
            round=round_,
            state=ZipperState(zipper["state"]),
            weakest=round_.framework.spec.link(weakest) if weakest is not None else None,
            link_states={link["id"]: LinkState(link["state"]) for link in links},
        )
    return found


def standing(collaboration: Collaboration) -> Standing | None:
    return standings([collaboration]).get(collaboration.pk)


def results_url(access: Access) -> str | None:
    """The latest shared zipper; before that, one's own party's results of a closed
    round (nothing for those who may see neither)."""
    found = standing(access.collaboration)
    if found is not None:
        return reverse("results:zipper", args=[access.collaboration.pk, found.round.pk])
    party = access.party
    if party is None or not access.can(Perm.SEE_PARTY_DATA, party=party):
        return None
    latest = access.collaboration.rounds.first()
    if latest is None or not visibility.own_results_available(latest):
        return None
    return reverse("results:party", args=[access.collaboration.pk, latest.pk, party.pk])


def results_steps(access: Access) -> list[NextStep]:
    found = standing(access.collaboration)
    latest = access.collaboration.rounds.first()
    if found is None or latest is None or latest.pk != found.round.pk:
        return []
    if found.weakest is not None and found.state != ZipperState.CLOSED:
        text = _(
            "The results of “%(round)s” are shared (zipper: %(state)s; weakest link: "
            "%(number)s. %(link)s). Discuss the agenda together, weakest link first."
        ) % {
            "round": found.round.title,
            "state": found.state.label,
            "number": found.weakest.id,
            "link": found.weakest.name,
        }
    else:
        text = _(
            "The results of “%(round)s” are shared (zipper: %(state)s). Discuss the agenda "
            "together to keep it that way."
        ) % {"round": found.round.title, "state": found.state.label}
    return [
        NextStep(
            text,
            url=reverse("results:agenda", args=[access.collaboration.pk, found.round.pk]),
            label=_("Open the agenda"),
            tone=Tone.DONE,
            priority=60,
        )
    ]


def standing_cards(collaborations: Sequence[Collaboration]) -> Mapping[int, Mapping[str, Any]]:
    found = standings(collaborations)
    return {c.pk: {"standing": found.get(c.pk)} for c in collaborations}


def links_panel(access: Access) -> dict[str, Any]:
    """The zipper's links on the home page, each with its latest shared state."""
    found = standing(access.collaboration)
    return {
        "framework": access.collaboration.framework.spec,
        "standing": found,
        "collaboration": access.collaboration,
        "marks": marks_for(access),
    }
