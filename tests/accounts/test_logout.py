import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_logout_by_get_is_refused(logged_in, user):
    response = logged_in.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert logged_in.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_logout_by_post_signs_out_and_returns_to_login(logged_in):
    response = logged_in.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in logged_in.session
