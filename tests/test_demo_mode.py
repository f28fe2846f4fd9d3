"""Demo mode (the quick start): DEBUG off with real error pages, plain HTTP on this
machine, a key generated once into the data folder, `ritsen demo` allowed, a site
administrator among the demo logins, and an admin that says "Ritsen-beheer"."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from ritsen.demo.data import DEMO_PASSWORD, SITE_ADMIN

SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.DEBUG, s.DEMO, s.SESSION_COOKIE_SECURE, getattr(s, 'SECURE_SSL_REDIRECT', False), "
    "','.join(s.ALLOWED_HOSTS), s.EMAIL_BACKEND.rsplit('.', 1)[-1], s.SECRET_KEY[:8], sep='|')"
)


def ritsen(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("RITSEN_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(RITSEN_DEMO="true", RITSEN_DATA_DIR=str(tmp_path / "var"))
    return subprocess.run(
        [sys.executable, "-c", "from ritsen.cli import main; main()", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_demo_mode_runs_without_debug_on_plain_http_with_a_key_made_once(tmp_path):
    first = ritsen(tmp_path, "shell", "--no-imports", "-c", SETTINGS)
    assert first.returncode == 0, first.stderr
    debug, demo, secure_cookie, redirect, hosts, mail, key = first.stdout.strip().split("|")
    assert (debug, demo, secure_cookie, redirect) == ("False", "True", "False", "False")
    assert "localhost" in hosts.split(",") and mail == "EmailBackend"
    key_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 50
    again = ritsen(tmp_path, "shell", "--no-imports", "-c", SETTINGS)
    assert again.stdout == first.stdout  # the same key


@pytest.mark.django_db
def test_the_demo_command_runs_in_demo_mode_and_prints_the_site_administrator(settings, capsys):
    settings.DEBUG = False
    settings.DEMO = True
    call_command("demo")
    out = capsys.readouterr().out
    assert SITE_ADMIN.email in out and "/admin/" in out
    admin = get_user_model().objects.get(email=SITE_ADMIN.email)
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    assert not admin.memberships.exists()  # no party's private data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("nl", "Pagina niet gevonden"), ("en", "Page not found")]
)
def test_an_unknown_address_gets_the_error_page_in_the_user_s_language(client, language, title):
    client.cookies["django_language"] = language
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert title in html and "urlpatterns" not in html.lower()


@pytest.mark.django_db
def test_the_admin_is_ritsen_beheer_and_uploads_frameworks(client, settings, tmp_path):
    from ritsen.frameworks.models import Framework

    settings.DEBUG = True
    call_command("demo")
    admin = get_user_model().objects.get(email=SITE_ADMIN.email)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    index = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Ritsen-beheer" in index
    changelist = client.get(reverse("admin:frameworks_framework_changelist")).content.decode()
    upload = reverse("admin:frameworks_framework_upload")
    assert upload in changelist
    source = Path("ritsen/frameworks/data/ritsen-9.yaml").read_text()
    changed = source.replace("version: 1", "version: 7", 1)
    assert changed != source
    # A broken file: the problem, with its place, and nothing stored.
    broken = changed.replace("min_respondents: 3", "min_respondents: 1", 1)
    page = client.post(upload, {"file": _file(broken)})
    assert "min_respondents" in page.content.decode()
    assert not Framework.objects.filter(version=7).exists()
    # Checked: what it holds, and the button to load it.
    page = client.post(upload, {"file": _file(changed)})
    html = page.content.decode()
    assert 'name="load"' in html and not Framework.objects.filter(version=7).exists()
    loaded = client.post(upload, {"text": page.context["text"], "load": "1"})
    assert loaded.status_code == 302
    assert Framework.objects.filter(version=7).exists()


def _file(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("framework.yaml", text.encode(), content_type="application/x-yaml")


@pytest.mark.django_db
def test_uploading_a_framework_needs_the_permission(client):
    staff = get_user_model().objects.create_user(
        email="staff@example.org", password="pw-123456789", is_staff=True
    )
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("admin:frameworks_framework_upload")).status_code == 403
