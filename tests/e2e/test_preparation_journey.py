"""End to end: a facilitator sets up a collaboration, two coordinators in two browsers
fill in and share their profiles, and see them side by side only after both shared."""

import re

import pytest
from django.core import mail

from tests.conftest import PASSWORD
from tests.e2e.helpers import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "een-sterk-wachtwoord-42"


def invitation_path(message):
    return re.search(r"/collaborations/invitations/[^/\s]+/", message.body).group(0)


def accept(page, path, name):
    page.goto(path)
    page.fill("#id_name", name)
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/collaborations/\d+/$"))


def fill_profile(page, who, share):
    page.locator("main a[href$='/profile/']").first.click()
    page.locator("main a[href$='/profile/edit/']").click()
    page.fill("#id_who_we_are", who)
    page.fill("#id_excellent_at", "Samenwerken in de wijk")
    if share:
        page.locator("button[name=share]").click()
        # Saved; the next page asks to confirm and names the questions still empty.
        page.get_by_text("vragen zijn nog leeg").wait_for()
        page.get_by_role("button", name="Ja, delen").click()
    else:
        page.locator("main form button[type=submit]").first.click()


def test_two_coordinators_share_profiles_and_see_them_side_by_side(new_page, live_server):
    facilitator = UserFactory(email="fac@example.org", password=PASSWORD)
    assert facilitator.pk

    # The facilitator creates the collaboration with two parties and invites both coordinators.
    fac = new_page()
    log_in(fac, "fac@example.org")
    assert fac.locator("html").get_attribute("lang") == "nl"
    fac.goto("/collaborations/new/")
    fac.fill("#id_name", "Eén loket voor inwoners")
    fac.fill("#id_purpose", "Inwoners met één vraag helpen bij één loket.")
    fac.locator("main form button[type=submit]").click()
    fac.wait_for_url(re.compile(r"/parties/add/$"))
    fac.fill("#id_new_organisation", "Gemeente Lindenhoven")
    fac.check("input[name=role][value=client]")
    fac.locator("button[name=add_another]").click()
    fac.wait_for_url(re.compile(r"/parties/add/$"))
    fac.fill("#id_new_organisation", "Digitaal Loket")
    fac.check("input[name=role][value=contractor]")
    fac.locator("main form button[type=submit]").first.click()
    fac.wait_for_url(re.compile(r"/collaborations/\d+/$"))
    collaboration_url = fac.url
    assert "Gemeente Lindenhoven" in fac.content() and "Digitaal Loket" in fac.content()

    for email, party in (
        ("a@example.org", "Gemeente Lindenhoven"),
        ("b@example.org", "Digitaal Loket"),
    ):
        fac.goto(collaboration_url + "people/invite/")
        fac.fill("#id_email", email)
        fac.check("input[name=role][value=coordinator]")
        fac.select_option("#id_party", label=party)
        fac.locator("main form button[type=submit]").first.click()
        fac.wait_for_url(re.compile(r"/people/$"))
    assert len(mail.outbox) == 2

    # Coordinator A accepts, fills in the profile and shares it.
    coord_a = new_page()
    accept(coord_a, invitation_path(mail.outbox[0]), "Anna Gemeente")
    fill_profile(coord_a, "Wij zijn de gemeente, opdrachtgever", share=True)
    profile_a_url = (
        re.sub(r"edit/$", "", coord_a.url) if coord_a.url.endswith("edit/") else coord_a.url
    )
    assert "/profile/" in profile_a_url

    # Coordinator B, in another browser, cannot reach A's profile and sees no side by side yet.
    coord_b = new_page()
    accept(coord_b, invitation_path(mail.outbox[1]), "Bram Leverancier")
    response = coord_b.goto(profile_a_url)
    assert response.status == 404
    coord_b.goto(collaboration_url + "profiles/")
    assert "Wij zijn de gemeente" not in coord_b.content()

    # B fills in and shares; now both see both profiles side by side.
    coord_b.goto(collaboration_url)
    fill_profile(coord_b, "Wij leveren het klantcontactsysteem", share=True)
    coord_b.wait_for_url(re.compile(r"/profiles/$"))
    body = coord_b.content()
    assert "Wij zijn de gemeente, opdrachtgever" in body
    assert "Wij leveren het klantcontactsysteem" in body

    fac.goto(collaboration_url + "profiles/")
    assert "Wij leveren het klantcontactsysteem" in fac.content()


def test_language_switch_persists_for_the_user(new_page, live_server):
    UserFactory(email="taal@example.org", password=PASSWORD)
    page = new_page()
    log_in(page, "taal@example.org")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.locator("form[action$='/accounts/language/'] button[value=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"

    # A new browser (another device) gets English after logging in.
    other = new_page()
    log_in(other, "taal@example.org")
    assert other.locator("html").get_attribute("lang") == "en"
