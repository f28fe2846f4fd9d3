import pytest
from django.urls import reverse

from .conftest import html_lang


@pytest.mark.django_db
def test_login_page_is_dutch_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert html_lang(response) == "nl"


@pytest.mark.django_db
def test_login_with_email_and_password_signs_in(client, user, password):
    response = client.post(
        reverse("accounts:login"), {"username": "anna@example.org", "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("collaborations:list")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_login_ignores_case_of_email(client, user, password):
    client.post(reverse("accounts:login"), {"username": "Anna@Example.ORG", "password": password})
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_login_follows_safe_next(client, user, password):
    response = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": password, "next": reverse("accounts:profile")},
    )
    assert response["Location"] == reverse("accounts:profile")


@pytest.mark.django_db
def test_wrong_password_shows_error_and_keeps_user_out(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert "Het e-mailadres of het wachtwoord klopt niet" in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_empty_login_links_summary_to_invalid_fields(client):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    page = response.content.decode()
    assert 'href="#id_username"' in page
    assert 'href="#id_password"' in page
    assert 'id="id_username_error"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_username_error"' in page


@pytest.mark.django_db
def test_five_failures_lock_out_even_the_right_password(client, user, password):
    url = reverse("accounts:login")
    for _attempt in range(5):
        client.post(url, {"username": user.email, "password": "wrong"})

    response = client.post(url, {"username": user.email, "password": password})

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_changing_the_case_of_the_address_does_not_buy_extra_attempts(client, user, password):
    url = reverse("accounts:login")
    for spelling in [
        "anna@example.org",
        "ANNA@example.org",
        "Anna@Example.org",
        "anna@EXAMPLE.org",
    ]:
        client.post(url, {"username": spelling, "password": "wrong"})
    client.post(url, {"username": "aNNa@example.org", "password": "wrong"})

    response = client.post(url, {"username": user.email, "password": password})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_failures_do_not_lock_out(client, user, password):
    url = reverse("accounts:login")
    for _attempt in range(4):
        client.post(url, {"username": user.email, "password": "wrong"})
    client.post(url, {"username": user.email, "password": password})
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_signed_in_user_visiting_login_is_sent_on(logged_in):
    response = logged_in.get(reverse("accounts:login"))
    assert response.status_code == 302
