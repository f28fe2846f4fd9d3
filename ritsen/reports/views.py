"""The round report as a page and as a PDF: the shared report once every party has
released, and each party's own report (its people only) once the round has closed."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from ritsen.collaborations.access import collaboration_view
from ritsen.results.views import waiting_page

from . import services


def _language(request) -> str:
    requested = request.GET.get("lang", "")
    return requested if requested in services.LANGUAGES else request.LANGUAGE_CODE[:2]


def _report(request, round_id: int, party_id: int | None):
    access = request.access
    party = access.party_for_private(party_id) if party_id is not None else None
    round_ = access.round(round_id)
    try:
        return round_, services.build_report(round_, party=party, language=_language(request))
    except services.ReportUnavailable:
        return round_, None


def _page(request, round_id: int, party_id: int | None = None):
    round_, report = _report(request, round_id, party_id)
    if report is None:
        return waiting_page(request, round_)
    args = [request.access.collaboration.pk, round_.pk]
    pdf_url = (
        reverse("reports:party_pdf", args=[*args, party_id])
        if party_id is not None
        else reverse("reports:pdf", args=args)
    )
    body = mark_safe(services.render_html(report, standalone=False))  # noqa: S308 - our template
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


def _pdf(request, round_id: int, party_id: int | None = None):
    round_, report = _report(request, round_id, party_id)
    if report is None:
        return waiting_page(request, round_)
    response = HttpResponse(services.render_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{services.filename(report, "pdf")}"'
    return response


@collaboration_view
def report_page(request, round_id: int):
    return _page(request, round_id)


@collaboration_view
def report_pdf(request, round_id: int):
    return _pdf(request, round_id)


@collaboration_view
def party_report_page(request, round_id: int, party_id: int):
    return _page(request, round_id, party_id)


@collaboration_view
def party_report_pdf(request, round_id: int, party_id: int):
    return _pdf(request, round_id, party_id)
