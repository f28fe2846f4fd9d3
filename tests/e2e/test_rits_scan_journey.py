"""End to end: open a round, answer as a respondent of each party in a real Chromium
(their colleagues answer through the same service, off-screen), close, release both
sides, see the zipper and the dialogue agenda. And an anonymous link: claimed, resumed
elsewhere with the resume link, and shut for whoever opens it after."""

import re
from urllib.parse import urlsplit

import pytest

from ritsen.assessments.models import Round
from ritsen.collaborations.constants import PartyRole, Role
from ritsen.frameworks.services import ensure_default_framework
from tests.assessments.conftest import answer_all
from tests.conftest import PASSWORD
from tests.e2e.helpers import log_in
from tests.factories import (
    CollaborationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def claim(page, url):
    """Open an anonymous link and start: it becomes this person's."""
    page.goto(url)
    page.locator("main form button.btn-primary").click()
    page.wait_for_url(re.compile(r"/r/$"))
    assert "/r/" + url.rstrip("/").rsplit("/", 1)[-1] not in page.url  # the secret is gone


def answer_questionnaire(page, url, value, comment):
    claim(page, url)
    page.locator("main .actions a.btn-primary").click()
    while True:
        page.wait_for_url(re.compile(r"/links/\d+/$"))
        for group in page.locator("fieldset.statement").all():
            group.locator(f"input[type=radio][value='{value}']").check()
        page.fill("#id_comment", comment)
        page.locator("button[name=next]").click()
        page.wait_for_load_state()
        if "/review/" in page.url:
            break
    page.locator("main form:not(.language-switch) button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main h1").count() == 1


@pytest.fixture
def setup():
    collab = CollaborationFactory(name="Ketenzorg Noord", framework=ensure_default_framework())
    party_a = PartyFactory(
        collaboration=collab,
        organisation=OrganisationFactory(name="Gemeente Noord"),
        role=PartyRole.CLIENT,
    )
    party_b = PartyFactory(
        collaboration=collab,
        organisation=OrganisationFactory(name="Zorg BV"),
        role=PartyRole.CONTRACTOR,
    )
    users = {}
    for email, role, party in (
        ("fac@example.org", Role.FACILITATOR, None),
        ("a@example.org", Role.COORDINATOR, party_a),
        ("b@example.org", Role.COORDINATOR, party_b),
    ):
        users[email] = UserFactory(email=email, password=PASSWORD)
        MembershipFactory(user=users[email], collaboration=collab, role=role, party=party)
    return collab, party_a, party_b


def make_links(page, base_url, collab, round_, party, count=3):
    round_url = f"{base_url}/collaborations/{collab.pk}/rounds/{round_.pk}"
    url = f"{round_url}/parties/{party.pk}/respondents/"
    page.goto(url)
    page.fill("#id_count", str(count))
    page.locator("button[name=as][value=sheet]").click()
    page.wait_for_load_state()
    # Links carry the address the coordinator used; keep the path for the live server.
    links = [urlsplit(code.inner_text()).path for code in page.locator(".link-slip code").all()]
    # Shown once: back on the respondents page, no link is to be seen any more.
    page.goto(url)
    assert not any(link in page.content() for link in links)
    return links


def test_round_from_opening_to_zipper_and_agenda(new_page, live_server, setup):
    collab, party_a, party_b = setup
    fac = new_page()
    log_in(fac, "fac@example.org")
    fac.goto(f"/collaborations/{collab.pk}/rounds/new/")
    fac.fill("#id_title", "Nulmeting")
    fac.locator("main form button[type=submit]").click()
    fac.wait_for_url(re.compile(r"/rounds/\d+/$"))
    round_ = Round.objects.get(collaboration=collab)

    coord_a, coord_b = new_page(), new_page()
    log_in(coord_a, "a@example.org")
    log_in(coord_b, "b@example.org")
    links_a = make_links(coord_a, live_server.url, collab, round_, party_a)
    links_b = make_links(coord_b, live_server.url, collab, round_, party_b)
    assert len(links_a) == len(links_b) == 3

    respondent = new_page()
    answer_questionnaire(respondent, links_a[0], "4", "Gemeente: goed overleg")
    answer_questionnaire(respondent, links_b[0], "2", "Zorg BV: te weinig informatie")
    # The other respondents of each party answer the same way, without the browser.
    for link in links_a[1:]:
        answer_all(link.rstrip("/").rsplit("/", 1)[-1], 4, "Gemeente: goed overleg")
    for link in links_b[1:]:
        answer_all(link.rstrip("/").rsplit("/", 1)[-1], 2, "Zorg BV: te weinig informatie")

    # Progress shows counts; the facilitator closes the round.
    fac.goto(f"/collaborations/{collab.pk}/rounds/{round_.pk}/")
    assert fac.locator("main table tbody tr").count() == 2
    fac.on("dialog", lambda dialog: dialog.accept())
    fac.locator("form[action$='/close/'] button").click()
    fac.wait_for_load_state()

    # Before both released, A's coordinator sees own results, not B's.
    zipper_url = f"/collaborations/{collab.pk}/rounds/{round_.pk}/results/zipper/"
    coord_a.goto(f"/collaborations/{collab.pk}/rounds/{round_.pk}/results/parties/{party_a.pk}/")
    assert "Gemeente: goed overleg" in coord_a.content()
    assert "Zorg BV: te weinig informatie" not in coord_a.content()
    coord_a.on("dialog", lambda dialog: dialog.accept())
    coord_a.locator("form[action$='/release/'] button").click()
    coord_a.wait_for_load_state()
    coord_a.goto(zipper_url)
    assert "Zorg BV: te weinig informatie" not in coord_a.content()
    assert coord_a.locator("main svg.chart__svg").count() == 0  # no zipper yet

    coord_b.goto(f"/collaborations/{collab.pk}/rounds/{round_.pk}/results/parties/{party_b.pk}/")
    coord_b.on("dialog", lambda dialog: dialog.accept())
    coord_b.locator("form[action$='/release/'] button").click()
    coord_b.wait_for_url(re.compile(r"/results/zipper/$"))

    # Everyone sees the zipper: every link weak (B scores 2), gaps of 2.
    for page in (fac, coord_a, coord_b):
        page.goto(zipper_url)
        table = page.locator("table.results-table")
        assert table.locator("tbody tr").count() == 9
        assert page.locator("main svg[role=img]").count() >= 1
    fac.goto(f"/collaborations/{collab.pk}/rounds/{round_.pk}/results/agenda/")
    body = fac.content()
    assert "Gemeente: goed overleg" in body and "Zorg BV: te weinig informatie" in body
    assert fac.locator("ol.agenda > li").count() == 9


def test_an_anonymous_link_is_claimed_resumed_elsewhere_and_shut_for_others(
    new_page, live_server, setup
):
    collab, party_a, _party_b = setup
    fac = new_page()
    log_in(fac, "fac@example.org")
    fac.goto(f"/collaborations/{collab.pk}/rounds/new/")
    fac.fill("#id_title", "Nulmeting")
    fac.locator("main form button[type=submit]").click()
    fac.wait_for_url(re.compile(r"/rounds/\d+/$"))
    round_ = Round.objects.get(collaboration=collab)
    coordinator = new_page()
    log_in(coordinator, "a@example.org")
    [handed_out] = make_links(coordinator, live_server.url, collab, round_, party_a, count=1)

    # The first person claims it, sees their resume link once, and answers link 1.
    first = new_page()
    claim(first, handed_out)
    resume = urlsplit(first.locator("#resume-url").input_value()).path
    assert resume.startswith("/r/") and resume != handed_out
    first.locator("main .actions a.btn-primary").click()
    first.wait_for_url(re.compile(r"/links/1/$"))
    for group in first.locator("fieldset.statement").all():
        group.locator("input[type=radio][value='5']").check()
    first.fill("#id_comment", "Eerste schakel sterk")
    first.locator("button[name=next]").click()
    first.wait_for_url(re.compile(r"/links/2/$"))
    first.reload()
    assert first.locator("#resume-url").count() == 0  # shown once

    # In another browser, the resume link continues where they were.
    later = new_page()
    later.goto(resume)
    later.wait_for_url(re.compile(r"/r/$"))
    assert later.locator("#resume-url").count() == 0
    later.goto("/r/links/1/")
    assert later.locator("#id_comment").input_value() == "Eerste schakel sterk"
    assert later.locator("input[type=radio][value='5']:checked").count() >= 1

    # Whoever opens the handed-out link now — the coordinator too — sees nothing.
    for page in (new_page(), coordinator):
        page.goto(handed_out)
        assert "Eerste schakel sterk" not in page.content()
        if page.locator("main form button.btn-primary").count():
            page.locator("main form button.btn-primary").click()
            page.wait_for_load_state()
        assert page.locator("main h1").inner_text() in ("Deze link is al in gebruik",)
        assert "Eerste schakel sterk" not in page.content()
        assert page.locator("input[type=radio]").count() == 0
