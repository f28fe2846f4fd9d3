"""The agenda's print view in Chromium: the first page starts with the first item."""

import io
import re

import pytest

from tests.assessments.conftest import close, make_scan, release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_print_view_starts_with_the_first_item_on_page_one(new_page, live_server, cast):
    from pypdf import PdfReader

    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", cast.member_b.email)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/collaborations/"))
    page.goto(f"/collaborations/{cast.collab.pk}/rounds/{scan.round.pk}/results/agenda/?print=1")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    first = pdf.pages[0].extract_text()
    assert "Gespreksagenda" in first and "In deze volgorde" in first
    assert first.count("Gemeente Aa") >= 1  # the first item's table is on page one
    assert len(pdf.pages) <= 6
