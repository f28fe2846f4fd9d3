"""The shared report as a PDF worth handing to a board: tagged (PDF/UA-1) with its
language and title, a title page, the zipper and the radar together on one page, and
no near-empty pages. Renders the demo's latest shared round (three parties)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ritsen.demo.data import COLLABORATION_NAME, create_demo
from ritsen.reports import services

pytestmark = pytest.mark.django_db

#: A page with less text than this (and no chart filling it) counts as near-empty.
NEAR_EMPTY = 400


@pytest.fixture(scope="module")
def pdf(django_db_setup, django_db_blocker) -> PdfReader:
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            collaboration = create_demo()
            round_ = collaboration.rounds.filter(state="shared").first()
            content = services.render_pdf(services.build_report(round_, language="nl"))
            transaction.set_rollback(True)
    return PdfReader(io.BytesIO(content))


def test_the_pdf_is_tagged_with_its_language_and_title(pdf):
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    assert COLLABORATION_NAME in pdf.metadata.title


def test_the_zipper_and_the_radar_share_a_page(pdf):
    texts = [page.extract_text() for page in pdf.pages]
    zipper = next(i for i, text in enumerate(texts) if text.startswith("De rits"))
    # The radar's key of link numbers and the zipper's links are on that page.
    assert "1 Business case" in texts[zipper] and "Informatievoorziening" in texts[zipper]
    assert "Zwakste schakel: dikke rand" in texts[zipper]  # its legend stays with it


def test_no_page_after_the_title_page_is_near_empty(pdf):
    texts = [page.extract_text() for page in pdf.pages]
    assert texts[0].startswith("RAPPORT VAN DE RITS-SCAN")
    thin = {
        number: len(text)
        for number, text in enumerate(texts[1:], start=2)
        if len(text) < NEAR_EMPTY
    }
    assert not thin, thin
