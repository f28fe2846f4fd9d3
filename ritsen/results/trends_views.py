"""Trends across rounds: how the zipper and each link developed.

Only shared rounds count — the same snapshots as the zipper page
(:func:`ritsen.results.selectors.shared_rounds`), so a trend never shows anything a
party has not released. Everyone in the collaboration may see the page; outsiders get
404. Reading costs two queries, whatever the number of rounds and respondents.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view

from . import selectors
from .data import Results
from .trends import RoundInput, Trends, compute_trends


def comparable_rounds(collaboration) -> list[Results]:
    """Shared results of every shared round, oldest first.

    Rounds on another framework (or scale) than the latest such round are left out:
    their scores cannot be compared.
    """
    released = selectors.shared_rounds(collaboration)
    if not released:
        return []
    latest = released[-1].spec
    return [
        results
        for results in released
        if results.spec.id == latest.id
        and (results.spec.scale_min, results.spec.scale_max) == (latest.scale_min, latest.scale_max)
    ]


def round_date(round_):
    ended = round_.closed_at or round_.opened_at
    return timezone.localdate(ended) if ended else None


def trends_of(released: list[Results]) -> Trends | None:
    if not released:
        return None
    names = {party.pk: party.name for results in released for party in results.parties}
    return compute_trends(
        [
            RoundInput(
                label=results.round.title,
                date=round_date(results.round),
                result=results.result,
                parties=[party.pk for party in results.parties],
            )
            for results in released
        ],
        released[-1].spec,
        party_names=names,
    )


def _zipper_rows(trends: Trends, released: list[Results]) -> list[dict]:
    return [
        {
            "round": results.round,
            "trend": trend_round,
            "weakest": trends.link_by_key(trend_round.weakest_key),
            "jams_at": [trends.link_by_key(key) for key in trend_round.jams_at],
        }
        for trend_round, results in zip(trends.rounds, released, strict=True)
    ]


def _change_rows(trends: Trends) -> list[dict]:
    return [
        {
            "link": link_trend.link,
            "states": link_trend.states[-2:],
            "changes": link_trend.latest_changes,
        }
        for link_trend in trends.links
    ]


@collaboration_view(Perm.VIEW)
def index(request: CollaborationRequest) -> HttpResponse:
    access = request.access
    released = comparable_rounds(access.collaboration)
    trends = trends_of(released)
    context = {
        "access": access,
        "collaboration": access.collaboration,
        "trends": trends,
        "latest_round": released[-1].round if released else None,
    }
    if trends is not None and trends.has_trend:
        context.update(
            previous=trends.rounds[-2],
            latest=trends.rounds[-1],
            zipper_rows=_zipper_rows(trends, released),
            change_rows=_change_rows(trends),
            party_names=[trends.name(party) for party in trends.parties],
            counts={str(k): v for k, v in trends.latest_counts().items()},
        )
    return render(request, "results/trends/index.html", context)
