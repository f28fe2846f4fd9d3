import re

import pytest
from django.core import mail
from django.urls import reverse

NEW_PASSWORD = "Fresh-zipper-links-9"


def _request_reset(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def _reset_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/reset/\S+/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def _set_new_password(client, link):
    # Django swaps the token for "set-password" in the URL and keeps it in the session.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]
    return client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )


@pytest.mark.django_db
def test_reset_sends_email_with_working_link(client, user):
    response = _request_reset(client, "anna@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "\n" not in message.subject

    response = _set_new_password(client, _reset_link(message))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_reset_for_unknown_address_looks_the_same_and_sends_nothing(client):
    response = _request_reset(client, "nobody@example.org")
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_used_reset_link_is_no_longer_valid(client, user):
    _request_reset(client, user.email)
    link = _reset_link(mail.outbox[0])
    _set_new_password(client, link)

    response = client.get(link, follow=True)

    assert response.context["validlink"] is False
    assert reverse("accounts:password_reset") in response.content.decode()


@pytest.mark.django_db
def test_reset_password_lifts_a_lock_out(client, user, password):
    for _attempt in range(5):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong"})
    _request_reset(client, user.email)
    _set_new_password(client, _reset_link(mail.outbox[0]))

    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
