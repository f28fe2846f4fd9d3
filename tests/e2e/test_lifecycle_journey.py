"""The lifecycle in Chromium: a coordinator of each party approves, the facilitator
moves the collaboration from aligning to active — with a written reason for going on
despite the round — and the page and the timeline show the new stage."""

import re

import pytest
from django.urls import reverse
from django_scopes import scope

from ritsen.collaborations import services as collaborations
from ritsen.collaborations.constants import Stage
from ritsen.collaborations.selectors import profile_of
from ritsen.lifecycle import services as lifecycle
from ritsen.workspace import consent
from ritsen.workspace import services as workspace
from ritsen.workspace.registers import agreements, business_case
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(new_page, user):
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/collaborations/"))
    return page


def _aligning_with_complete_registers(cast):
    """Both profiles shared, on to aligning; the business case and the agreements
    complete — all that is left is every party's approval (and the round)."""
    facilitator = cast.access(cast.facilitator)
    lifecycle.transition(facilitator, Stage.PREPARING)
    for party, user in ((cast.party_a, cast.coord_a), (cast.party_b, cast.coord_b)):
        access = cast.access(user)
        with scope(party=[party.pk]):
            profile = collaborations.save_profile(
                profile_of(party), {"who_we_are": "Wij"}, access=access
            )
            collaborations.share_profile(profile, access=access)
    lifecycle.transition(facilitator, Stage.ALIGNING)
    goals, values, contributions = business_case.REGISTER.kinds

    def add(access, item_kind, register, /, **data):
        return workspace.create_item(access=access, kind=item_kind, register=register, data=data)

    add(facilitator, goals, business_case.REGISTER, title="Eén loket", indicator="Dagen",
        target_value=5)  # fmt: skip
    for party, user in ((cast.party_a, cast.coord_a), (cast.party_b, cast.coord_b)):
        access = cast.access(user)
        add(access, values, business_case.REGISTER, party=party, kind="money", estimate="€ 1")
        add(access, contributions, business_case.REGISTER, party=party, kind="people")
    for kind, text in (("may", "Aa levert cijfers."), ("may_not", "Geen maatwerk.")):
        agreement = add(
            cast.access(cast.coord_a), agreements.AGREEMENTS, agreements.REGISTER, kind=kind,
            from_party=cast.party_a, to_party=cast.party_b, link_key="roles", text=text,
        )  # fmt: skip
        consent.accept(agreement, access=cast.access(cast.coord_b))


def test_both_coordinators_approve_and_the_facilitator_moves_on_to_active(new_page, cast):
    _aligning_with_complete_registers(cast)
    index = reverse("lifecycle:index", args=[cast.collab.pk])
    approve = "#to-active form[action$='/lifecycle/approve/'] button"
    for user, party in ((cast.coord_a, cast.party_a), (cast.coord_b, cast.party_b)):
        page = _login(new_page, user)
        page.goto(index)
        approved = page.locator("#to-active .approved-by")
        assert party.name not in (approved.inner_text() if approved.count() else "")
        page.locator(approve).click()
        page.wait_for_load_state()
        assert page.locator(approve).count() == 0  # approved: no button for this party
        assert party.name in page.locator("#to-active .approved-by").inner_text()
    cast.facilitator.language = "en"
    cast.facilitator.save()
    page = _login(new_page, cast.facilitator)
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
    cast.collab.refresh_from_db()
    assert cast.collab.stage == Stage.ACTIVE
    page.goto(reverse("lifecycle:timeline", args=[cast.collab.pk]))
    entries = page.locator(".timeline__entry--stage").all_inner_texts()
    assert "From “aligning” to “active”" in entries[-1]
    assert "We starten nu en meten in juni." in entries[-1]
