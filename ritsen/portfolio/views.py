"""The portfolio pages: an organisation's (its portfolio managers, and the people of its
parties) and a facilitator's own — with filters, the heatmap and the trajectory."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ritsen.collaborations.access import PortfolioView, facilitated_collaborations
from ritsen.collaborations.constants import Stage
from ritsen.collaborations.models import Collaboration, Membership
from ritsen.core.rules import authenticated_view
from ritsen.results.scoring import ZipperState

from . import selectors
from .scope import organisation_scope


def _page(request: HttpRequest, collaborations: object, **context: object) -> HttpResponse:
    found = selectors.portfolio(
        collaborations,  # type: ignore[arg-type]
        selectors.Filters.of(request.GET),
        request.GET.get("page"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    ids = [row.collaboration.pk for row in found.rows]
    # Whose pages this person may open (a manager is not in them all), and their own
    # party there: where results wait for release, its own results are a click away.
    memberships = list(
        Membership.objects.filter(
            user_id=request.user.pk or 0, collaboration_id__in=ids
        ).values_list("collaboration_id", "party_id")
    )
    member_of = {collaboration_id for collaboration_id, _party in memberships}
    for row in found.rows:
        for collaboration_id, party_id in memberships:
            waiting = row.entry is not None and row.entry.waiting_release
            if collaboration_id == row.collaboration.pk and party_id is not None and waiting:
                row.own_results = reverse(
                    "results:party", args=[collaboration_id, row.entry.last_round_id, party_id]
                )
    return render(
        request,
        "portfolio/portfolio.html",
        {
            "portfolio": found,
            "stages": Stage.choices,
            "states": [(state.value, state.label) for state in ZipperState],
            "query": query.urlencode(),
            "member_of": member_of,
            **context,
        },
    )


@authenticated_view()
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    found, view, collaborations = organisation_scope(request, organisation_id)
    return _page(
        request,
        collaborations,
        organisation=found,
        manager=view is PortfolioView.MANAGER,
        export_args=[found.pk],
    )


@authenticated_view()
def facilitated(request: HttpRequest) -> HttpResponse:
    return _page(request, facilitated_collaborations(request.user))  # type: ignore[arg-type]


__all__ = ["Collaboration", "facilitated", "organisation"]
