"""The round report: page and PDF, shared and per party, in Dutch or English."""

import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ritsen.reports import services as reports
from tests.assessments.conftest import COMMENT_A, COMMENT_B, close, make_scan, release


def pdf_text(data: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDF back")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_shared_report_page_and_pdf(login, cast, released_scan, tmp_path):
    client = login(cast.member_b)
    args = [cast.collab.pk, released_scan.round.pk]
    page = client.get(reverse("reports:page", args=args))
    body = page.content.decode()
    assert page.status_code == 200
    assert COMMENT_A in body and COMMENT_B in body
    assert 'role="img"' in body  # the charts

    pdf = client.get(reverse("reports:pdf", args=args))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    text = pdf_text(pdf.content, tmp_path)
    assert "Gemeente Aa" in text and "Leverancier Bee" in text
    assert COMMENT_A in text and COMMENT_B in text
    assert "Eén loket" in text  # Dutch diacritics survive
    assert "1 / " in text  # page numbers


def test_party_report_before_release_contains_nothing_of_the_other_party(login, cast, tmp_path):
    scan = make_scan(cast, value_a=3, value_b=5)  # B answers 5: "5,00" must not appear
    close(cast, scan.round)
    client = login(cast.coord_a)
    args = [cast.collab.pk, scan.round.pk, cast.party_a.pk]
    page = client.get(reverse("reports:party_page", args=args)).content.decode()
    text = pdf_text(client.get(reverse("reports:party_pdf", args=args)).content, tmp_path)
    for content in (page, text):
        assert COMMENT_A in content
        assert COMMENT_B not in content
        assert "Leverancier Bee" not in content
        assert "5,00" not in content and "5.00" not in content


def test_shared_report_waits_for_every_release(login, cast, closed_scan):
    release(cast, closed_scan.round, cast.party_a)
    client = login(cast.facilitator)
    for name in ("reports:page", "reports:pdf"):
        response = client.get(reverse(name, args=[cast.collab.pk, closed_scan.round.pk]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert COMMENT_A not in response.content.decode()


def test_report_language_is_chosen_independently_of_the_answers(login, cast, released_scan):
    client = login(cast.coord_a)  # a Dutch user
    url = reverse("reports:page", args=[cast.collab.pk, released_scan.round.pk])
    english = client.get(url, {"lang": "en"}).content.decode()
    dutch = client.get(url, {"lang": "nl"}).content.decode()
    assert "Management summary" in english
    assert "Management summary" not in dutch
    assert "Managementsamenvatting" in dutch


def test_report_command_writes_pdf_and_html(cast, released_scan, tmp_path, monkeypatch):
    # The PDF itself is checked in test_shared_report_page_and_pdf; here, that the
    # command renders the report it was asked for and writes what the renderer made.
    rendered = []
    monkeypatch.setattr(
        reports, "render_pdf", lambda report: rendered.append(report) or b"%PDF-1.7 report"
    )
    pdf = tmp_path / "report.pdf"
    call_command("report", str(released_scan.round.pk), "-o", str(pdf))
    assert pdf.read_bytes() == b"%PDF-1.7 report"
    assert rendered[0].round == released_scan.round and rendered[0].party is None
    html = tmp_path / "report.html"
    call_command("report", str(released_scan.round.pk), "-o", str(html), "--language", "en")
    assert "Management summary" in html.read_text(encoding="utf-8")


def test_report_command_refuses_unreleased_rounds_and_bad_paths(cast, closed_scan, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("report", str(closed_scan.round.pk), "-o", str(tmp_path / "r.pdf"))
    assert error.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("report", str(closed_scan.round.pk), "-o", str(tmp_path / "r.docx"))
    with pytest.raises(CommandError):
        call_command("report", "999999", "-o", str(tmp_path / "r.pdf"))
    # A party's own report works before release.
    own = tmp_path / "own.html"
    call_command(
        "report", str(closed_scan.round.pk), "-o", str(own), "--party", str(cast.party_a.pk)
    )
    assert COMMENT_B not in own.read_text(encoding="utf-8")


def test_pdf_loads_no_external_resources():
    with pytest.raises(ValueError):
        reports._static_file("https://example.org/evil.css")
    assert reports._static_file("/static/reports/report.css").name == "report.css"


def test_report_queries_do_not_grow_with_respondents(login, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_scan(cast, respondents_a=3, respondents_b=3)
    close(cast, small.round)
    release(cast, small.round, cast.party_a)
    release(cast, small.round, cast.party_b)
    client = login(cast.member_a)
    url = reverse("reports:page", args=[cast.collab.pk, small.round.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    # The same collaboration, a later round with ten times as many respondents.
    big = make_scan(cast, respondents_a=30, respondents_b=30)
    close(cast, big.round)
    release(cast, big.round, cast.party_a)
    release(cast, big.round, cast.party_b)
    url = reverse("reports:page", args=[cast.collab.pk, big.round.pk])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_pdf_finds_collected_hashed_static_files_in_production(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.0123abcd.css").write_text("html {}")
    found = reports._static_file("/static/reports/report.0123abcd.css")
    assert found == tmp_path / "reports" / "report.0123abcd.css"
    with pytest.raises(ValueError):
        reports._static_file("/static/../../etc/passwd")
