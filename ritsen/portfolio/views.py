"""The portfolio pages: an organisation's (its portfolio managers, and the people of its
parties) and a facilitator's own — with filters, the heatmap and the trajectory."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ritsen.collaborations.access import PortfolioView, facilitated_collaborations
from ritsen.collaborations.constants import Stage
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
    member_of = selectors.link_for(request.user.pk, found.rows)
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
    found, view, collaborations = organisation_scope(request.user, organisation_id)
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
