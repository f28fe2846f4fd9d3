"""Download anonymised answers and results as CSV or XLSX.

* Whole-round exports answer 404 until the round is shared (every party released its
  results): before that there is nothing to export for the collaboration as a whole.
  After that everyone in the collaboration may download them.
* A party's own exports answer 404 to everyone outside that party (facilitators
  included) and, while the round is open, to the party itself.

What is in the files is decided in :mod:`ritsen.exports.services`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from ritsen.collaborations.access import (
    CollaborationRequest,
    Perm,
    collaboration_view,
    facilitated_collaborations,
)
from ritsen.collaborations.models import Party
from ritsen.core.downloads import attachment, stem
from ritsen.core.rules import authenticated_view
from ritsen.portfolio import selectors as portfolio_selectors
from ritsen.portfolio.scope import organisation_scope
from ritsen.workspace import documents

from . import formats, services


def _download(export: services.Export, kind: str, extension: str) -> HttpResponse:
    header: tuple[str, ...]
    if kind == "answers":
        header, rows, sheet = formats.answers_header(), export.answer_rows(), formats.ANSWERS_SHEET
    else:
        header = export.results_header()
        rows = export.result_rows(get_language())
        sheet = formats.RESULTS_SHEET
    if extension == "csv":
        content, content_type = formats.to_csv(header, rows), formats.CSV_MIME
    else:
        content, content_type = formats.to_xlsx(sheet, header, rows), formats.XLSX_MIME
    # Answers of real people: kept out of shared caches and the browser's cache.
    return attachment(content, content_type, export.filename(kind, extension))


@collaboration_view(Perm.VIEW)
def round_export(
    request: CollaborationRequest, round_id: int, kind: str, extension: str
) -> HttpResponse:
    round_ = request.access.round(round_id)
    export = services.shared_export(round_)
    if export is None:
        raise Http404
    return _download(export, kind, extension)


@collaboration_view(Perm.SEE_PARTY_DATA, party="party_id")
def party_export(
    request: CollaborationRequest, round_id: int, party: Party, kind: str, extension: str
) -> HttpResponse:
    round_ = request.access.round(round_id)
    export = services.party_export(round_, party)
    if export is None:
        raise Http404
    return _download(export, kind, extension)


@collaboration_view(Perm.VIEW)
def workspace_xlsx(request: CollaborationRequest) -> HttpResponse:
    """The workspace as a workbook: what is complete per link, then a sheet per kind of
    item — what everyone in the collaboration sees (``workspace.documents``)."""
    collaboration = request.access.collaboration
    document = documents.build(collaboration)
    content = formats.to_xlsx_book(
        [(t.title, t.headers, [tuple(row) for row in t.rows]) for t in document.sheets]
    )
    name = stem(collaboration.name, "ritsen")
    return attachment(content, formats.XLSX_MIME, f"{name}-werkruimte.xlsx")


def _portfolio_file(
    request: HttpRequest, collaborations: Any, name: str, kind: str
) -> HttpResponse:
    """The whole filtered portfolio as CSV or XLSX (what the viewer sees on the page)."""
    header, rows = portfolio_selectors.table(
        collaborations, portfolio_selectors.Filters.of(request.GET)
    )
    filename = f"{stem(name, 'ritsen')}-portfolio.{kind}"
    if kind == "csv":
        return attachment(formats.to_csv(header, rows), formats.CSV_MIME, filename)
    content = formats.to_xlsx_book([(name, header, [tuple(row) for row in rows])])
    return attachment(content, formats.XLSX_MIME, filename)


@authenticated_view()
def organisation_portfolio(request: HttpRequest, organisation_id: int, kind: str) -> HttpResponse:
    organisation, _view, collaborations = organisation_scope(request.user, organisation_id)
    return _portfolio_file(request, collaborations, organisation.name, kind)


@authenticated_view()
def facilitated_portfolio(request: HttpRequest, kind: str) -> HttpResponse:
    return _portfolio_file(request, facilitated_collaborations(request.user), "ritsen", kind)  # type: ignore[arg-type]
