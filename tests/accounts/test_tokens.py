"""Personal access tokens: made on the profile page and with `ritsen token`, shown
once, stored only as a hash, expiring, read-only or not, revocable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ritsen.accounts import tokens
from ritsen.accounts.models import AccessToken
from ritsen.core.errors import ServiceError
from tests.cli import run_ritsen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_as_a_hash_and_opens_only_while_valid():
    user = UserFactory()
    new = tokens.create_token(user, name="Dashboard", expires_days=30, read_only=True)
    stored = AccessToken.objects.get()
    assert new.secret.startswith("rit_") and new.secret not in repr(
        AccessToken.objects.values().get()
    )
    assert tokens.authenticate(new.secret) == stored
    assert stored.read_only and stored.prefix == new.secret[:8]
    assert tokens.authenticate(new.secret + "x") is None
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert tokens.authenticate(new.secret) is None  # expired
    AccessToken.objects.update(expires_at=None)
    tokens.revoke_token(stored, user=user)
    assert tokens.authenticate(new.secret) is None  # revoked
    with pytest.raises(ServiceError):
        tokens.create_token(user, name="  ")
    with pytest.raises(ServiceError):
        tokens.create_token(user, name="x", expires_days=0)


def test_someone_else_cannot_revoke_my_token():
    mine = tokens.create_token(UserFactory(), name="Mijn script").token
    with pytest.raises(AccessToken.DoesNotExist):
        tokens.revoke_token(mine, user=UserFactory())


def test_the_command_prints_the_token_once_and_nothing_else():
    user = UserFactory(email="anna@example.org")
    made = run_ritsen("token", "create", "anna@example.org", "--name", "Power BI", "--read-only")
    assert made.returncode == 0, made.stderr
    secret = made.stdout.strip()
    assert made.stdout == secret + "\n" and tokens.authenticate(secret).user == user
    listed = run_ritsen("token", "list", "anna@example.org")
    assert (
        "Power BI" in listed.stdout and secret not in listed.stdout and "read only" in listed.stdout
    )
    token = AccessToken.objects.get()
    revoked = run_ritsen("token", "revoke", str(token.pk))
    assert revoked.returncode == 0 and tokens.authenticate(secret) is None
    unknown = run_ritsen("token", "create", "nobody@example.org", "--name", "x")
    assert unknown.returncode == 2 and "nobody@example.org" in unknown.stderr


def test_the_profile_page_makes_shows_once_and_revokes_tokens(login, cast):
    client = login(cast.coord_a)
    url = reverse("accounts:profile")
    page = client.post(
        url, {"create_token": "1", "token-name": "Intranet", "token-expires_days": "30"}
    )
    assert page.status_code == 200
    secret = page.context["new_token"].secret
    assert secret in page.content.decode()
    again = client.get(url).content.decode()
    assert secret not in again and "Intranet" in again  # shown only once
    token = AccessToken.objects.get(user=cast.coord_a)
    assert not token.read_only and token.expires_at is not None
    # Someone else's token id: not found, nothing revoked.
    other = tokens.create_token(cast.coord_b, name="Van B").token
    assert client.post(url, {"revoke_token": other.pk}).status_code == 404
    client.post(url, {"revoke_token": token.pk})
    token.refresh_from_db()
    other.refresh_from_db()
    assert token.revoked_at is not None and other.revoked_at is None


def test_a_token_without_a_name_is_refused_and_the_input_kept(login, cast):
    page = login(cast.coord_a).post(
        reverse("accounts:profile"),
        {"create_token": "1", "token-name": "", "token-expires_days": "5000"},
    )
    html = page.content.decode()
    assert page.status_code == 200 and not AccessToken.objects.exists()
    assert 'value="5000"' in html and "error" in html


def test_the_operator_sees_tokens_without_the_token_and_can_revoke_them(client):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root@example.org", "pw-123456789")
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    new = tokens.create_token(UserFactory(), name="Kiosk")
    page = client.get(reverse("admin:accounts_accesstoken_changelist")).content.decode()
    assert "Kiosk" in page and new.secret not in page and new.token.token_hash not in page
    client.post(
        reverse("admin:accounts_accesstoken_changelist"),
        {"action": "revoke", "_selected_action": [new.token.pk]},
    )
    assert tokens.authenticate(new.secret) is None


def test_without_tokens_the_profile_says_so_in_dutch_and_english(login, cast):
    client = login(cast.member_a)
    assert "Je hebt geen tokens." in client.get(reverse("accounts:profile")).content.decode()
    cast.member_a.language = "en"  # a signed-in user reads in their own language
    cast.member_a.save()
    assert "You have no tokens." in client.get(reverse("accounts:profile")).content.decode()
