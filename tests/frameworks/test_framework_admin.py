"""The admin shows frameworks read-only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ritsen.frameworks.services import ensure_default_framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root@example.org", "pw-123456789")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_changelist_and_read_only_detail(admin_client):
    framework = ensure_default_framework()
    changelist = admin_client.get(reverse("admin:frameworks_framework_changelist"))
    assert changelist.status_code == 200
    assert "ritsen-9" in changelist.content.decode()

    detail = admin_client.get(reverse("admin:frameworks_framework_change", args=[framework.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "business_case" in html
    assert 'name="_save"' not in html

    post = admin_client.post(
        reverse("admin:frameworks_framework_change", args=[framework.pk]), {"slug": "hacked"}
    )
    assert post.status_code == 403
    framework.refresh_from_db()
    assert framework.slug == "ritsen-9"


def test_frameworks_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:frameworks_framework_add")).status_code == 403


def test_migrating_loads_the_shipped_framework():
    from ritsen.frameworks.models import Framework

    assert [f.identifier for f in Framework.objects.filter(slug="ritsen-9")] == ["ritsen-9 v1"]
