import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import html_lang


@pytest.mark.django_db
def test_language_choice_is_stored_on_the_user_and_follows_them(client, logged_in, user):
    response = logged_in.post(
        reverse("accounts:language"), {"language": "en", "next": reverse("accounts:profile")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.language == "en"

    logged_in.cookies.clear()  # a fresh device: no language cookie, new session
    logged_in.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert html_lang(logged_in.get(reverse("accounts:profile"))) == "en"


@pytest.mark.django_db
def test_anonymous_visitor_keeps_choice_through_cookie(client):
    response = client.post(
        reverse("accounts:language"), {"language": "en", "next": "/accounts/login/"}
    )
    assert response["Location"] == "/accounts/login/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["max-age"], "the choice should outlive the browser session"

    assert html_lang(client.get(reverse("accounts:login"))) == "en"


@pytest.mark.django_db
def test_switching_back_to_dutch(client):
    client.post(reverse("accounts:language"), {"language": "en"})
    client.post(reverse("accounts:language"), {"language": "nl"})
    assert html_lang(client.get(reverse("accounts:login"))) == "nl"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)", ""]
)
def test_unsafe_or_missing_next_goes_home(client, next_url):
    response = client.post(reverse("accounts:language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_unknown_language_changes_nothing(client, logged_in, user):
    response = logged_in.post(
        reverse("accounts:language"), {"language": "fr", "next": reverse("accounts:profile")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    user.refresh_from_db()
    assert user.language == "nl"


@pytest.mark.django_db
def test_language_switch_is_post_only(client):
    assert client.get(reverse("accounts:language")).status_code == 405


@pytest.mark.django_db
def test_current_language_is_marked_pressed(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'value="nl" lang="nl" aria-pressed="true"' in page
    assert 'value="en" lang="en" aria-pressed="false"' in page
