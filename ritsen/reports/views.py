"""The round report as a page and as a PDF: the shared report once the round is shared,
and each party's own report (its people only) once the round has closed."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from ritsen.collaborations.access import CollaborationRequest, Perm, collaboration_view
from ritsen.collaborations.models import Party
from ritsen.core.downloads import attachment, stem
from ritsen.results.waiting import waiting_page

from . import services


def _language(request: CollaborationRequest) -> str:
    requested = request.GET.get("lang", "")
    return requested if requested in services.LANGUAGES else request.LANGUAGE_CODE[:2]


def _report(request: CollaborationRequest, round_id: int, party: Party | None):
    round_ = request.access.round(round_id)
    try:
        return round_, services.build_report(round_, party=party, language=_language(request))
    except services.ReportUnavailable:
        return round_, None


def _page(request: CollaborationRequest, round_id: int, party: Party | None = None) -> HttpResponse:
    round_, report = _report(request, round_id, party)
    if report is None:
        return waiting_page(request, round_)
    args = [request.access.collaboration.pk, round_.pk]
    pdf_url = (
        reverse("reports:party_pdf", args=[*args, party.pk])
        if party is not None
        else reverse("reports:pdf", args=args)
    )
    body = mark_safe(services.page_body(report))  # noqa: S308 - our template
    return render(
        request,
        "reports/report_page.html",
        {
            "access": request.access,
            "collaboration": request.access.collaboration,
            "round": round_,
            "report": report,
            "body": body,
            "pdf_url": pdf_url,
        },
    )


def _pdf(request: CollaborationRequest, round_id: int, party: Party | None = None) -> HttpResponse:
    round_, report = _report(request, round_id, party)
    if report is None:
        return waiting_page(request, round_)
    response = HttpResponse(services.pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{services.filename(report, "pdf")}"'
    return response


@collaboration_view(Perm.VIEW)
def report_page(request: CollaborationRequest, round_id: int) -> HttpResponse:
    return _page(request, round_id)


@collaboration_view(Perm.VIEW)
def report_pdf(request: CollaborationRequest, round_id: int) -> HttpResponse:
    return _pdf(request, round_id)


@collaboration_view(Perm.SEE_PARTY_DATA, party="party_id")
def party_report_page(request: CollaborationRequest, round_id: int, party: Party) -> HttpResponse:
    return _page(request, round_id, party)


@collaboration_view(Perm.SEE_PARTY_DATA, party="party_id")
def party_report_pdf(request: CollaborationRequest, round_id: int, party: Party) -> HttpResponse:
    return _pdf(request, round_id, party)


@collaboration_view(Perm.VIEW)
def workspace_pdf(request: CollaborationRequest) -> HttpResponse:
    """The workspace as a draft collaboration agreement, for everyone in it."""
    collaboration = request.access.collaboration
    content = services.workspace_pdf(collaboration, _language(request))
    name = stem(collaboration.name, "ritsen")
    return attachment(content, "application/pdf", f"{name}-samenwerkingsovereenkomst-concept.pdf")
