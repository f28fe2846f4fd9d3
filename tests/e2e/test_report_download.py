"""End to end: a member opens the round report and downloads the PDF in Chromium."""

import pytest

from tests.assessments.conftest import close, make_scan, release
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_downloads_the_report_pdf(new_page, live_server, cast, tmp_path):
    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round, cast.party_a)
    release(cast, scan.round, cast.party_b)

    page = log_in(new_page(), cast.member_b.email)

    page.goto(f"/collaborations/{cast.collab.pk}/rounds/{scan.round.pk}/report/")
    assert page.locator("main svg[role=img]").count() >= 1
    with page.expect_download() as download_info:
        page.locator("main a[href*='/report/pdf/']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_size > 10_000
