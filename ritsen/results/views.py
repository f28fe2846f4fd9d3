"""Results pages: a party's own results, release, the zipper, link detail, the agenda.

Who sees what: a party's own results only its own people (404 for everyone else); the
zipper, link details and agenda everyone in the collaboration, but only with data once
the round is shared — until then they show who has released, nothing more.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ritsen.assessments import services as assessment_services
from ritsen.assessments import visibility
from ritsen.assessments.models import Round
from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.models import Party
from ritsen.core.errors import ServiceError

from . import selectors
from .data import Results
from .marks import agenda_parts_for, chart_marks, marks_for, sections_for
from .waiting import waiting_page


def _context(request: CollaborationRequest, round_: Round, **extra: object) -> dict:
    return {
        "access": request.access,
        "collaboration": request.access.collaboration,
        "round": round_,
        "marks": marks_for(request.access),
        **extra,
    }


@collaboration_view(Perm.SEE_PARTY_DATA, party="party_id")
def party_results(request: CollaborationRequest, round_id: int, party: Party) -> HttpResponse:
    round_ = request.access.round(round_id)
    results = selectors.own_results(round_, party)
    released = party.pk in visibility.released_party_ids(round_)
    return render(
        request,
        "results/party.html",
        _context(
            request,
            round_,
            party=party,
            results=results,
            released=released,
            rows=results.rows() if results else [],
        ),
    )


@collaboration_view(Perm.RELEASE_RESULTS, party="party_id", methods=["POST"])
def release(request: CollaborationRequest, round_id: int, party: Party) -> HttpResponse:
    access = request.access
    round_ = access.round(round_id)
    try:
        assessment_services.release(round_, party, access=access)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("results:party", access.collaboration.pk, round_.pk, party.pk)
    round_.refresh_from_db()
    if visibility.is_shared(round_):
        messages.success(request, _("Every party has released its results: here is the zipper."))
        return redirect("results:zipper", access.collaboration.pk, round_.pk)
    messages.success(
        request,
        _("Your results are released. The others see them once every party has released."),
    )
    return redirect(round_)


def _shared(request: CollaborationRequest, round_id: int) -> tuple[Round, Results | None]:
    round_ = request.access.round(round_id)
    return round_, selectors.shared_results(round_)


@collaboration_view(Perm.VIEW)
def zipper(request: CollaborationRequest, round_id: int) -> HttpResponse:
    round_, results = _shared(request, round_id)
    if results is None:
        return waiting_page(request, round_)
    return render(
        request,
        "results/zipper.html",
        _context(
            request,
            round_,
            results=results,
            rows=results.rows(),
            chart_marks=chart_marks(request.access),
        ),
    )


@collaboration_view(Perm.VIEW)
def link_detail(request: CollaborationRequest, round_id: int, link_id: int) -> HttpResponse:
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
            sections=sections_for(request.access, round_, link.key),
        ),
    )


@collaboration_view(Perm.VIEW)
def agenda(request: CollaborationRequest, round_id: int) -> HttpResponse:
    round_, results = _shared(request, round_id)
    if results is None:
        return waiting_page(request, round_)
    template = "results/agenda_print.html" if request.GET.get("print") else "results/agenda.html"
    return render(
        request,
        template,
        _context(
            request,
            round_,
            results=results,
            items=results.agenda_rows(),
            parts=agenda_parts_for(request.access, round_),
            print=bool(request.GET.get("print")),
        ),
    )
