import pytest
from django.template import loader
from django.urls import reverse

from .conftest import csp_violations, html_lang


@pytest.mark.django_db
def test_layout_has_skip_link_main_and_footer_credit(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page
    assert "Insights, 2019" in page


@pytest.mark.django_db
def test_signed_in_layout_has_navigation_and_post_logout(logged_in, user):
    page = logged_in.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("collaborations:list")}"' in page
    assert f'method="post" action="{reverse("accounts:logout")}"' in page
    assert "Anna de Vries" in page
    assert 'href="/admin/"' not in page


@pytest.mark.django_db
def test_staff_see_administration_link(client, superuser):
    client.force_login(superuser, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'href="/admin/"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    ["accounts:login", "accounts:password_reset", "accounts:password_reset_done"],
)
def test_anonymous_pages_have_no_inline_script_or_style(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert csp_violations(response.content.decode()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["accounts:profile", "accounts:password_change", "accounts:password_change_done"]
)
def test_signed_in_pages_have_no_inline_script_or_style(logged_in, url_name):
    response = logged_in.get(reverse(url_name))
    assert response.status_code == 200
    assert csp_violations(response.content.decode()) == []


@pytest.mark.django_db
def test_form_errors_and_lock_out_pages_have_no_inline_script_or_style(client, user):
    with_errors = client.post(reverse("accounts:login"), {"username": "x", "password": ""})
    assert csp_violations(with_errors.content.decode()) == []
    for _attempt in range(5):
        locked = client.post(reverse("accounts:login"), {"username": user.email, "password": "x"})
    assert locked.status_code == 429
    assert csp_violations(locked.content.decode()) == []


@pytest.mark.django_db
def test_not_found_page_is_friendly(client):
    response = client.get("/this/does/not/exist/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "404.html" in [t.name for t in response.templates]
    assert 'class="skip-link"' in page
    assert html_lang(response) == "nl"
    assert "Traceback" not in page
    assert csp_violations(page) == []


@pytest.mark.parametrize("template_name", ["400.html", "500.html", "403_csrf.html"])
def test_context_free_error_pages_render_without_a_request(template_name):
    # Django renders these without a request or context processors.
    page = loader.get_template(template_name).render()
    assert '<html lang="nl">' in page
    assert '<main id="main"' in page
    assert csp_violations(page) == []


@pytest.mark.django_db
def test_csrf_failure_shows_friendly_page(client, user, password):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("accounts:login"), {"username": user.email, "password": password}
    )
    assert response.status_code == 403
    assert "Pagina verlopen" in response.content.decode()  # "Page expired"


@pytest.mark.django_db
def test_permission_denied_page_keeps_the_layout(rf, user):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/somewhere/")
    request.user = user
    response = permission_denied(request, PermissionDenied())
    page = response.content.decode()
    assert response.status_code == 403
    assert '<main id="main"' in page
    assert "Anna de Vries" in page
    assert csp_violations(page) == []


@pytest.mark.parametrize("path", ["ritsen/ritsen.css", "ritsen/ritsen.js", "ritsen/favicon.svg"])
def test_layout_assets_are_found_by_collectstatic(path):
    # With the manifest storage used in production, an asset the finders cannot see
    # turns every page into a server error.
    from django.contrib.staticfiles import finders

    assert finders.find(path), f"{path} is not on a static files path (STATICFILES_DIRS?)"
