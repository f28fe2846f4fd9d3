import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_password_change_needs_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_password_change_sets_new_password_and_keeps_session(logged_in, user, password):
    response = logged_in.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "A-new-zipper-2025",
            "new_password2": "A-new-zipper-2025",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password("A-new-zipper-2025")
    assert logged_in.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_password_change_with_wrong_old_password_is_refused(logged_in, user, password):
    response = logged_in.post(
        reverse("accounts:password_change"),
        {
            "old_password": "not-it",
            "new_password1": "A-new-zipper-2025",
            "new_password2": "A-new-zipper-2025",
        },
    )
    assert response.status_code == 200
    assert 'href="#id_old_password"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(password)
