"""Results pages: a party's own results, release, the zipper, link detail, the agenda.

Who sees what: a party's own results only its own people (404 for everyone else);
the zipper, link details and agenda everyone in the collaboration, but only with data
once every party has released — until then they show who has released, nothing more.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ritsen.assessments import services as assessment_services
from ritsen.collaborations.access import collaboration_view
from ritsen.collaborations.services import ServiceError

from . import services


def _context(request, round_, **extra):
    return {
        "access": request.access,
        "collaboration": request.access.collaboration,
        "round": round_,
        **extra,
    }


@collaboration_view
def party_results(request, round_id: int, party_id: int):
    access = request.access
    party = access.party_for_private(party_id)
    round_ = access.round(round_id)
    results = services.own_results(round_, party)
    released = party.pk in assessment_services.released_party_ids(round_)
    return render(
        request,
        "results/party.html",
        _context(
            request,
            round_,
            party=party,
            results=results,
            released=released,
            rows=_rows(results) if results else [],
        ),
    )


@collaboration_view
@require_POST
def release(request, round_id: int, party_id: int):
    access = request.access
    party = access.party_for_private(party_id)
    access.require_coordinator()
    round_ = access.round(round_id)
    try:
        assessment_services.release(round_, party, request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("results:party", access.collaboration.pk, round_.pk, party.pk)
    if assessment_services.all_released(round_):
        messages.success(request, _("Every party has released its results: here is the zipper."))
        return redirect("results:zipper", access.collaboration.pk, round_.pk)
    messages.success(
        request,
        _("Your results are released. The others see them once every party has released."),
    )
    return redirect(round_)


def _shared(request, round_id: int):
    round_ = request.access.round(round_id)
    return round_, services.shared_results(round_)


def waiting_page(request, round_):
    """Shown instead of shared results until every party has released: who has."""
    released = assessment_services.released_party_ids(round_)
    parties = [(party, party.pk in released) for party in services.parties_of(round_)]
    return render(request, "results/waiting.html", _context(request, round_, parties=parties))


def _rows(results: services.Results):
    """Per link (framework order): the link, its result, party cells and details."""
    return [
        (
            link,
            results.result.link(link.id),
            results.party_cells(link.id),
            results.details[link.id],
        )
        for link in results.spec.links
    ]


@collaboration_view
def zipper(request, round_id: int):
    round_, results = _shared(request, round_id)
    if results is None:
        return waiting_page(request, round_)
    return render(
        request,
        "results/zipper.html",
        _context(request, round_, results=results, rows=_rows(results)),
    )


@collaboration_view
def link_detail(request, round_id: int, link_id: int):
    round_, results = _shared(request, round_id)
    if results is None:
        return waiting_page(request, round_)
    try:
        link = results.spec.link(link_id)
    except KeyError as error:
        raise Http404 from error
    return render(
        request,
        "results/link.html",
        _context(
            request,
            round_,
            results=results,
            link=link,
            link_result=results.result.link(link_id),
            cells=results.party_cells(link_id),
            details=results.details[link_id],
        ),
    )


@collaboration_view
def agenda(request, round_id: int):
    round_, results = _shared(request, round_id)
    if results is None:
        return waiting_page(request, round_)
    by_id = {row[0].id: row for row in _rows(results)}
    items = [by_id[link_id] for link_id in results.result.agenda]
    template = "results/agenda_print.html" if request.GET.get("print") else "results/agenda.html"
    return render(request, template, _context(request, round_, results=results, items=items))
