"""Automated WCAG 2.2 A/AA checks (axe-core) on the pages users meet most, in Chromium.

axe finds only part of what WCAG asks (a person still has to check the rest), but what
it finds is a real defect: every page here must have no violations.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from ritsen.accounts.models import User
from ritsen.assessments import services
from ritsen.collaborations.access import access_for
from ritsen.collaborations.models import Collaboration
from ritsen.demo.data import COLLABORATION_NAME, DEMO_PASSWORD, create_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def violations(page) -> list[str]:
    result = Axe().run(page, options=WCAG)
    return [
        f"{v['id']}: {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')}"
        for v in result.response["violations"]
    ]


def test_key_pages_have_no_axe_violations(new_page, live_server):
    create_demo()
    collab = Collaboration.objects.get(name=COLLABORATION_NAME)
    latest = collab.rounds.order_by("-opened_at").first()
    party = collab.parties.order_by("pk").first()
    facilitator = access_for(User.objects.get(email="facilitator@ritsen.demo"), collab)
    coordinator = access_for(User.objects.get(email="coordinator@lindenhoven.demo"), collab)
    open_round = services.open_round(access=facilitator, title="Derde meting")
    token = services.generate_links(open_round, party, 1, access=coordinator)[0].token

    page = new_page()
    page.goto("/accounts/login/")
    assert violations(page) == [], "login"
    page.fill("#id_username", "coordinator@lindenhoven.demo")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/collaborations/"))

    c, r, p = collab.pk, latest.pk, party.pk
    paths = [
        "/collaborations/",
        f"/collaborations/{c}/",
        f"/collaborations/{c}/people/",
        f"/collaborations/{c}/parties/{p}/profile/",
        f"/collaborations/{c}/parties/{p}/profile/edit/",
        f"/collaborations/{c}/profiles/",
        f"/collaborations/{c}/rounds/",
        f"/collaborations/{c}/rounds/{r}/",
        f"/collaborations/{c}/rounds/{r}/results/zipper/",
        f"/collaborations/{c}/rounds/{r}/results/zipper/links/4/",
        f"/collaborations/{c}/rounds/{r}/results/agenda/",
        f"/collaborations/{c}/rounds/{r}/results/parties/{p}/",
        f"/collaborations/{c}/rounds/{r}/report/",
        f"/collaborations/{c}/trends/",
        f"/collaborations/{c}/rounds/{open_round.pk}/parties/{p}/respondents/",
    ]
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        problems = violations(page)
        if problems:
            found[path] = problems
    # A respondent: the claim page, the overview with the resume link, a link, review.
    respondent = new_page()
    respondent.goto(f"/r/{token}/")
    for name, action in (
        ("claim", lambda: respondent.locator("main form button.btn-primary").click()),
        ("start", lambda: respondent.goto("/r/links/1/")),
        ("link", lambda: respondent.goto("/r/review/")),
        ("review", lambda: None),
    ):
        problems = violations(respondent)
        if problems:
            found[name] = problems
        action()
        respondent.wait_for_load_state()
    assert found == {}
