import pytest


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.django_db
def test_user_list_loads_for_superuser(admin_client_, user):
    response = admin_client_.get("/admin/accounts/user/")
    assert response.status_code == 200
    assert "anna@example.org" in response.content.decode()


@pytest.mark.django_db
def test_user_change_page_loads(admin_client_, user):
    response = admin_client_.get(f"/admin/accounts/user/{user.pk}/change/")
    assert response.status_code == 200
    assert 'name="language"' in response.content.decode()


@pytest.mark.django_db
def test_admin_adds_user_with_email_and_password(admin_client_, django_user_model):
    response = admin_client_.post(
        "/admin/accounts/user/add/",
        {
            "email": "New.Person@Example.org",
            "name": "New Person",
            "language": "en",
            "password1": "Another-zipper-77",
            "password2": "Another-zipper-77",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = django_user_model.objects.get(email="new.person@example.org")
    assert created.check_password("Another-zipper-77")


@pytest.mark.django_db
def test_admin_refuses_email_differing_only_in_case(admin_client_, user, django_user_model):
    response = admin_client_.post(
        "/admin/accounts/user/add/",
        {
            "email": "ANNA@example.org",
            "language": "nl",
            "password1": "Another-zipper-77",
            "password2": "Another-zipper-77",
        },
    )
    assert response.status_code == 200
    assert django_user_model.objects.filter(email__iexact="anna@example.org").count() == 1
