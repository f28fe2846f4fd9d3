"""A shared round's report is rendered once per language and kind, then served again."""

from django.urls import reverse

from ritsen.reports import services, storage
from ritsen.reports.models import StoredRendering
from ritsen.results import snapshots
from tests.assessments.conftest import COMMENT_A, close


def test_the_shared_report_body_is_rendered_once_per_language(
    login, cast, released_scan, monkeypatch
):
    calls = []
    real = services.render_html
    monkeypatch.setattr(
        services,
        "render_html",
        lambda report, standalone: (
            calls.append(report.language) or real(report, standalone=standalone)
        ),
    )
    client = login(cast.member_b)
    url = reverse("reports:page", args=[cast.collab.pk, released_scan.round.pk])
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    english = client.get(url, {"lang": "en"}).content.decode()
    assert calls == ["nl", "en"]
    assert COMMENT_A in first and COMMENT_A in second and "Management summary" in english
    assert StoredRendering.objects.filter(kind="html").count() == 2


def test_a_changed_ritsen_renders_again(cast, released_scan, monkeypatch):
    report = services.build_report(released_scan.round)
    services.page_body(report)
    before = StoredRendering.objects.get(kind="html").fingerprint
    monkeypatch.setattr(storage, "fingerprint", lambda: "another-version")
    services.page_body(report)
    # Made anew; the rendering it replaces is removed.
    assert StoredRendering.objects.get(kind="html").fingerprint != before


def test_a_partys_own_report_is_never_stored(login, cast, scan):
    close(cast, scan.round)
    url = reverse("reports:party_page", args=[cast.collab.pk, scan.round.pk, cast.party_a.pk])
    assert login(cast.coord_a).get(url).status_code == 200
    assert not StoredRendering.objects.exists()


def test_rebuilding_the_snapshot_drops_its_renderings(cast, released_scan):
    services.page_body(services.build_report(released_scan.round))
    assert StoredRendering.objects.exists()
    snapshots.rebuild(released_scan.round)
    assert not StoredRendering.objects.exists()


def test_the_fingerprint_follows_the_templates(tmp_path, monkeypatch):
    storage.fingerprint.cache_clear()
    before = storage.fingerprint()
    template = tmp_path / "templates" / "x.html"
    template.parent.mkdir()
    template.write_text("a")
    monkeypatch.setattr(storage, "PACKAGE", tmp_path)
    storage.fingerprint.cache_clear()
    one = storage.fingerprint()
    template.write_text("b")
    storage.fingerprint.cache_clear()
    assert storage.fingerprint() not in (one, before)
    storage.fingerprint.cache_clear()
