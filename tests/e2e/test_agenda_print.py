"""The agenda's print view in Chromium: the first page starts with the first item."""

import io

import pytest

from tests.assessments.conftest import close, make_scan, release
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_print_view_starts_with_the_first_item_on_page_one(new_page, live_server, cast):
    from pypdf import PdfReader

    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    page = log_in(new_page(), cast.member_b.email)
    page.goto(f"/collaborations/{cast.collab.pk}/rounds/{scan.round.pk}/results/agenda/?print=1")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    first = pdf.pages[0].extract_text()
    assert "Gespreksagenda" in first and "In deze volgorde" in first
    assert first.count("Gemeente Aa") >= 1  # the first item's table is on page one
    assert len(pdf.pages) <= 6
