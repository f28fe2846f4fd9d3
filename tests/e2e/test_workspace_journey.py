"""The workspace in Chromium: two coordinators, each in their own browser, agree an
agreement proposed from an item of the dialogue agenda; one turns another agenda item
into an action with its link filled in."""

import re

import pytest

from ritsen.workspace.models import Action, Agreement
from tests.assessments.conftest import close, make_scan, release
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(new_page, user):
    return log_in(new_page(), user.email)


def test_two_coordinators_agree_an_agreement_and_an_agenda_item_becomes_an_action(new_page, cast):
    scan = make_scan(cast)
    close(cast, scan.round)
    release(cast, scan.round)
    agenda = f"/collaborations/{cast.collab.pk}/rounds/{scan.round.pk}/results/agenda/"
    aa, bee = _login(new_page, cast.coord_a), _login(new_page, cast.coord_b)

    # Coordinator A proposes an agreement from the agenda item on roles.
    aa.goto(agenda)
    aa.locator("a[href$='/workspace/agreements/agreements/new/?link=roles']").click()
    assert aa.locator("#id_link_key").input_value() == "roles"
    aa.fill("#id_text", "Aa levert elke maand de cijfers aan Bee.")
    aa.select_option("#id_from_party", str(cast.party_a.pk))
    aa.select_option("#id_to_party", str(cast.party_b.pk))
    aa.get_by_role("button", name="Opslaan").click()
    aa.wait_for_url(re.compile(r"/workspace/agreements/$"))
    assert "voorgesteld" in aa.locator("main").inner_text()
    agreement = Agreement.objects.get(collaboration=cast.collab)
    assert agreement.state == "proposed"

    # Coordinator B, in another browser, sees it waiting and accepts it.
    bee.goto(f"/collaborations/{cast.collab.pk}/workspace/agreements/")
    row = bee.locator("tr", has_text="Aa levert elke maand de cijfers aan Bee.")
    row.get_by_role("button", name=re.compile("^Aanvaarden")).click()
    bee.wait_for_url(re.compile(r"/workspace/agreements/$"))
    assert "Het besluit van je partij is vastgelegd." in bee.locator("main").inner_text()
    agreement.refresh_from_db()
    assert agreement.state == "agreed"
    aa.reload()
    assert "✓ aanvaard" in aa.locator("tr", has_text="Aa levert elke maand").inner_text()

    # Coordinator A turns the agenda item on processes into an action: one click, the
    # link is filled in.
    aa.goto(agenda)
    aa.locator("a[href$='/workspace/actions/new/?link=processes']").click()
    assert aa.locator("#id_link_key").input_value() == "processes"
    aa.fill("#id_title", "Het proces van aanvraag tot levering tekenen")
    aa.select_option("#id_owner_party", str(cast.party_a.pk))
    aa.get_by_role("button", name="Opslaan").click()
    aa.wait_for_url(re.compile(r"/workspace/actions/$"))
    assert "Het proces van aanvraag tot levering tekenen" in aa.locator("main").inner_text()
    action = Action.objects.get(collaboration=cast.collab)
    assert (action.link_key, action.owner_party, action.created_by) == (
        "processes",
        cast.party_a,
        cast.coord_a,
    )
