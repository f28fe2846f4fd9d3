"""The lifecycle in Chromium, in the demo: a coordinator of each party of “Samen sterk in
de wijk” approves, and the facilitator moves the collaboration from aligning to active —
with a written reason for going on before the first round — and the page and the
timeline show the new stage."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ritsen.collaborations.constants import Stage
from ritsen.collaborations.models import Collaboration
from ritsen.demo.data import ALIGNING_NAME, DEMO_PASSWORD, create_demo
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(new_page, user):
    return log_in(new_page(), user.email, DEMO_PASSWORD)


def test_in_the_demo_both_coordinators_approve_and_the_facilitator_moves_to_active(new_page):
    create_demo()
    collaboration = Collaboration.objects.get(name=ALIGNING_NAME)
    assert collaboration.stage == Stage.ALIGNING
    index = reverse("lifecycle:index", args=[collaboration.pk])
    approve = "#to-active form[action$='/lifecycle/approve/'] button"
    users = get_user_model().objects
    for email, party in (
        ("coordinator@lindenhoven.demo", "Gemeente Lindenhoven"),
        ("coordinator@welzijn.demo", "Stichting Welzijn Lindenhoven"),
    ):
        user = users.get(email=email)
        party = collaboration.parties.get(organisation__name=party)
        page = _login(new_page, user)
        page.goto(index)
        approved = page.locator("#to-active .approved-by")
        assert party.name not in (approved.inner_text() if approved.count() else "")
        page.locator(approve).click()
        page.wait_for_load_state()
        assert page.locator(approve).count() == 0  # approved: no button for this party
        assert party.name in page.locator("#to-active .approved-by").inner_text()
    facilitator = users.get(email="facilitator@ritsen.demo")
    facilitator.language = "en"
    facilitator.save()
    page = _login(new_page, facilitator)
    page.goto(index)
    card = page.locator("#to-active")
    # No round shared yet: the guard says so, and it is the only thing missing.
    assert card.locator(".rule-list li").all_inner_texts() == [
        "! Share the results of a round of the rits-scan first."
    ]
    card.locator("textarea[name=override]").fill("We starten nu en meten in juni.")
    card.get_by_role("button", name="Move to “active”").click()
    page.wait_for_load_state()
    assert page.locator(".stage-list [aria-current=step]").inner_text() == "Active"
    collaboration.refresh_from_db()
    assert collaboration.stage == Stage.ACTIVE
    page.goto(reverse("lifecycle:timeline", args=[collaboration.pk]))
    entries = page.locator(".timeline__entry--stage").all_inner_texts()
    assert "From “aligning” to “active”" in entries[-1]
    assert "We starten nu en meten in juni." in entries[-1]
