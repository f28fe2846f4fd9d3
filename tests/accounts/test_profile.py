import pytest
from django.urls import reverse

from .conftest import html_lang


@pytest.mark.django_db
def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_profile_edits_own_name_and_language(logged_in, user):
    response = logged_in.post(
        reverse("accounts:profile"), {"name": "Anna Jansen", "language": "en"}, follow=True
    )
    user.refresh_from_db()
    assert (user.name, user.language) == ("Anna Jansen", "en")
    assert html_lang(response) == "en"
    assert "Your profile has been saved." in response.content.decode()


@pytest.mark.django_db
def test_profile_cannot_change_email_or_staff_flag(logged_in, user):
    logged_in.post(
        reverse("accounts:profile"),
        {"name": "A", "language": "nl", "email": "other@example.org", "is_staff": "on"},
    )
    user.refresh_from_db()
    assert user.email == "anna@example.org"
    assert not user.is_staff
