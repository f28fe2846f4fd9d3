"""Trends across rounds: how the zipper and each link developed.

Only shared rounds count — the same snapshots as the zipper page
(:func:`ritsen.results.selectors.shared_rounds`), so a trend never shows anything a
party has not released. Everyone in the collaboration may see the page; outsiders get
404. Reading costs two queries, whatever the number of rounds and respondents.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view

from .data import Results
from .selectors import comparable_rounds, trends_of
from .trends import Trends


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
