import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ritsen.collaborations.constants import Role
from ritsen.collaborations.models import Collaboration, Membership
from ritsen.frameworks.models import Framework
from ritsen.transfer import forms

from .conftest import export_text, row_counts, use_new_framework

IMPORT_URL = "/transfer/import/"


def export_url(collaboration):
    return reverse("transfer:export", args=[collaboration.pk])


def test_url_names():
    assert reverse("transfer:export", args=[7]) == "/transfer/collaborations/7/export/"
    assert reverse("transfer:import") == IMPORT_URL


# --- export --------------------------------------------------------------------------


def staff(user, *, frameworks: bool = True):
    """Make ``user`` a site administrator — given the transfer permission explicitly
    (and, by default, the permission to add frameworks): the web export and import
    need one."""
    from django.contrib.auth.models import Permission

    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="transfer_collaboration"))
    if frameworks:
        user.user_permissions.add(Permission.objects.get(codename="add_framework"))
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


def plain_staff(user):
    """Staff status and nothing else."""
    user.is_staff = True
    user.save()
    return type(user).objects.get(pk=user.pk)


# Party-private data of every party is in the file: a facilitator who is not a site
# administrator gets 403, like everyone else in the collaboration.
EXPORT_STATUS = {
    "facilitator": 403,
    "coord_a": 403,
    "member_a": 403,
    "coord_b": 403,
    "member_b": 403,
    "outsider": 404,
}


@pytest.mark.parametrize(("role", "status"), EXPORT_STATUS.items())
def test_export_permissions(cast, login, role, status):
    response = login(cast.by_role(role)).get(export_url(cast.collab))
    assert response.status_code == status


def test_staff_facilitator_may_export_but_staff_outsider_gets_404(cast, login):
    assert login(staff(cast.facilitator)).get(export_url(cast.collab)).status_code == 200
    assert login(staff(cast.outsider)).get(export_url(cast.collab)).status_code == 404
    assert login(staff(cast.coord_a)).get(export_url(cast.collab)).status_code == 403


def test_anonymous_export_goes_to_login(cast, client):
    response = client.get(export_url(cast.collab))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_export_of_an_unknown_collaboration_is_404(cast, login):
    response = login(staff(cast.facilitator)).get(reverse("transfer:export", args=[999999]))
    assert response.status_code == 404


def test_export_is_get_only(cast, login):
    assert login(staff(cast.facilitator)).post(export_url(cast.collab)).status_code == 405


def test_facilitator_downloads_the_export(rich, login):
    collab = rich.cast.collab
    response = login(staff(rich.cast.facilitator)).get(export_url(collab))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    date = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="ritsen-een-loket-{date}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    downloaded = json.loads(response.content.decode("utf-8"))
    expected = json.loads(export_text(collab))
    downloaded.pop("exported_at"), expected.pop("exported_at")
    assert downloaded == expected


# --- import --------------------------------------------------------------------------


def test_anonymous_import_goes_to_login(client):
    for response in (client.get(IMPORT_URL), client.post(IMPORT_URL)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["facilitator", "coord_a", "member_b", "outsider"])
def test_only_site_administrators_may_import(cast, login, role):
    client = login(cast.by_role(role))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL).status_code == 403
    # Staff status alone is not the permission.
    client = login(plain_staff(cast.by_role(role)))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL).status_code == 403
    response = login(staff(cast.by_role(role))).get(IMPORT_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'type="file"' in content
    assert "Samenwerking importeren" in content  # Dutch by default


def _upload(client, content: bytes, name="rits.json"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content, "application/json")})


def test_upload_creates_the_collaboration_and_makes_the_importer_facilitator(rich, login):
    text = export_text(rich.cast.collab)
    get_user_model().objects.filter(email="later@example.org").delete()
    outsider = staff(rich.cast.outsider)
    client = login(outsider)
    response = _upload(client, text.encode("utf-8"))

    imported = Collaboration.objects.exclude(pk=rich.cast.collab.pk).get(name="Eén loket")
    assert response.status_code == 302
    assert response["Location"] == imported.get_absolute_url()
    assert Membership.objects.get(user=outsider, collaboration=imported).role == Role.FACILITATOR

    page = client.get(response["Location"]).content.decode()
    assert "is geïmporteerd" in page
    assert "later@example.org" in page  # the new account is named
    assert "Wachtwoord vergeten?" in page


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"{kapot", "geen geldige JSON"),
        (b'{"format": "iets"}', "Dit is geen export van een Ritsen-samenwerking"),
    ],
)
def test_upload_errors_are_dutch_and_change_nothing(cast, login, content, fragment):
    client = login(staff(cast.outsider))
    before = row_counts()
    response = _upload(client, content)
    assert response.status_code == 200
    assert fragment in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()
    assert row_counts() == before


def test_upload_errors_follow_the_users_language(rich, login):
    data = json.loads(export_text(rich.cast.collab))
    del data["collaboration"]["parties"][1]["organisation"]
    user = staff(rich.cast.outsider)
    user.language = "en"
    user.save()
    client = login(user)
    before = row_counts()
    response = _upload(client, json.dumps(data).encode())
    assert response.status_code == 200
    assert "the party at position 2: organisation is missing." in response.content.decode()
    assert row_counts() == before


def test_upload_without_a_file(cast, login):
    response = login(staff(cast.outsider)).post(IMPORT_URL, {})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()


def test_upload_too_big(cast, login, monkeypatch):
    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 10)
    client = login(staff(cast.outsider))
    before = row_counts()
    response = _upload(client, b'{"format": "ritsen-collaboration"}')
    assert response.status_code == 200
    assert "mag hoogstens" in response.content.decode()
    assert row_counts() == before


def test_site_administrators_bring_in_new_frameworks(rich, login):
    content = json.dumps(use_new_framework(json.loads(export_text(rich.cast.collab)))).encode()
    response = _upload(login(staff(rich.cast.outsider)), content)
    assert response.status_code == 302
    assert Framework.objects.filter(slug="eigen-kader").exists()


def test_a_new_framework_needs_the_permission_to_add_frameworks(rich, login):
    content = json.dumps(use_new_framework(json.loads(export_text(rich.cast.collab)))).encode()
    response = _upload(login(staff(rich.cast.outsider, frameworks=False)), content)
    assert response.status_code == 200
    assert "eigen-kader" in response.content.decode()
    assert not Framework.objects.filter(slug="eigen-kader").exists()
