"""The round report: one context, rendered as a web page and as a PDF.

The same template body serves both (``reports/_body.html``); the PDF is made by
WeasyPrint from standalone HTML whose only external resources are Ritsen's own static
files, fetched from disk by :func:`local_url_fetcher` — never from the network.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ritsen.assessments import selectors as respondents
from ritsen.assessments.models import Round
from ritsen.collaborations.models import Party
from ritsen.core.languages import CODES
from ritsen.frameworks.spec import Link
from ritsen.lifecycle import selectors as lifecycle
from ritsen.results import selectors
from ritsen.results.data import Results
from ritsen.results.scoring import LinkResult, LinkState
from ritsen.workspace import documents
from ritsen.workspace.documents import WorkspaceDocument
from ritsen.workspace.selectors import chart_mark

from .models import StoredRendering
from .storage import stored

LANGUAGES = CODES
ATTENTION_COUNT = 3


class ReportUnavailable(Exception):
    """The report cannot be made (yet): round open, or not every party released."""


@dataclass(frozen=True)
class Report:
    round: Round
    party: Party | None  # a party's own report, or None for the shared report
    results: Results
    progress: list[respondents.Progress]
    language: str
    # The state of the workspace per link (the appendix), in the report's language.
    workspace: WorkspaceDocument | None = None
    # The scale events since the previous round (parties joined or left, scope changed).
    scale_events: list[Any] = dataclasses.field(default_factory=list)

    @property
    def depends_on(self) -> str:
        """What a stored rendering of the shared report is made anew for."""
        events = [(e.pk, e.kind, e.description, str(e.effective_on)) for e in self.scale_events]
        shown = f"{self.workspace.digest if self.workspace else ''}|{events!r}"
        return hashlib.sha256(shown.encode()).hexdigest()[:32]

    @property
    def needs_attention(self) -> list[tuple[Link, LinkResult]]:
        """The (up to) three links that most need attention, in agenda order."""
        items = []
        for link_id in self.results.result.agenda:
            link_result = self.results.result.link(link_id)
            if link_result.state == LinkState.STRONG:
                break
            items.append((self.results.spec.link(link_id), link_result))
            if len(items) == ATTENTION_COUNT:
                break
        return items

    @property
    def zipper_marks(self) -> tuple[str, dict[str, Any]] | None:
        """How complete each link's register is, as the zipper picture's second mark."""
        if self.workspace is None:
            return None
        return str(_("Register")), {
            part.link.key: chart_mark(part.completeness) for part in self.workspace.parts
        }

    @property
    def rows(self) -> list[tuple]:
        return self.results.rows()

    @property
    def agenda(self) -> list[tuple]:
        return self.results.agenda_rows()

    @property
    def scale_points(self) -> list[tuple[int, str]]:
        spec = self.results.spec
        return [
            (
                value,
                spec.scale_labels[value].get(self.language) if value in spec.scale_labels else "",
            )
            for value in range(spec.scale_min, spec.scale_max + 1)
        ]


def build_report(round_: Round, *, party: Party | None = None, language: str = "nl") -> Report:
    """The shared report (every party released) or ``party``'s own (round closed)."""
    if language not in LANGUAGES:
        language = settings.LANGUAGE_CODE
    if party is None:
        results = selectors.shared_results(round_)
        if results is None:
            raise ReportUnavailable
        progress = list(results.progress)
    else:
        results = selectors.own_results(round_, party)
        if results is None:
            raise ReportUnavailable
        progress = respondents.progress(round_, [party])
    workspace = None
    if party is None:  # a party's own report holds nothing of the other parties
        with translation.override(language):
            workspace = documents.build(round_.collaboration)
    return Report(
        # Like the appendix, only in the shared report (they name the other parties).
        scale_events=lifecycle.scale_events_for(round_) if party is None else [],
        round=round_,
        party=party,
        results=results,
        progress=progress,
        language=language,
        workspace=workspace,
    )


def page_body(report: Report) -> str:
    """The report as a page body fragment; a shared report's is rendered once and stored."""
    if report.party is not None:
        return render_html(report, standalone=False)
    return stored(
        report.round.pk,
        report.language,
        StoredRendering.Kind.HTML,
        lambda: render_html(report, standalone=False).encode("utf-8"),
        depends_on=report.depends_on,
    ).decode("utf-8")


def pdf(report: Report) -> bytes:
    """The report as a PDF; a shared report's is rendered once and stored."""
    if report.party is not None:
        return render_pdf(report)
    return stored(
        report.round.pk,
        report.language,
        StoredRendering.Kind.PDF,
        lambda: render_pdf(report),
        depends_on=report.depends_on,
    )


def render_html(report: Report, *, standalone: bool) -> str:
    """The report as a full HTML document (for the PDF) or as a page body fragment."""
    template = "reports/report_document.html" if standalone else "reports/_body.html"
    with translation.override(report.language):
        return render_to_string(
            template,
            {
                "report": report,
                "results": report.results,
                "round": report.round,
                "collaboration": report.round.collaboration,
                "generated_at": timezone.now(),
                "pdf": standalone,
            },
        )


def _static_file(url: str) -> Path:
    """The file on disk behind one of Ritsen's own ``/static/…`` URLs."""
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"Ritsen reports load no external resources ({url})")
    name = path[len(settings.STATIC_URL) :]
    try:
        found = finders.find(name)
    except SuspiciousFileOperation as error:
        raise ValueError(f"Not a static file: {path}") from error
    if found:
        return Path(found)
    # In production `{% static %}` gives the collected, hashed name (report.3f2a….css),
    # which only exists in STATIC_ROOT.
    if settings.STATIC_ROOT:
        collected = Path(settings.STATIC_ROOT) / name
        if collected.is_file() and collected.resolve().is_relative_to(
            Path(settings.STATIC_ROOT).resolve()
        ):
            return collected
    raise ValueError(f"Static file not found: {path}")


def local_url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves Ritsen's static files from disk, nothing else."""
    from weasyprint import URLFetcher

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            return super().fetch(_static_file(url).as_uri(), headers)

    return LocalStaticFetcher(allowed_protocols=("file",))


#: WeasyPrint's variant for tagged, accessible PDF.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(report: Report) -> bytes:
    return html_to_pdf(render_html(report, standalone=True))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url="http://ritsen.local/", url_fetcher=local_url_fetcher())
    # Tagged PDF/UA-1: public bodies must publish accessible documents.
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def workspace_pdf(collaboration: Any, language: str) -> bytes:
    """The workspace as a draft collaboration agreement (samenwerkingsovereenkomst)."""
    with translation.override(language):
        document = documents.build(collaboration)
        html = render_to_string(
            "reports/workspace_document.html",
            {"document": document, "collaboration": collaboration, "language": language},
        )
    return html_to_pdf(html)


def filename(report: Report, extension: str) -> str:
    from django.utils.text import slugify

    parts = ["ritsen", slugify(report.round.collaboration.name), slugify(report.round.title)]
    if report.party is not None:
        parts.append(slugify(report.party.name))
    return "-".join(p for p in parts if p) + f".{extension}"
