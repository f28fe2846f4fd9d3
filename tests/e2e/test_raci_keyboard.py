"""The RACI grid in Chromium, by keyboard alone: a coordinator types a party's letters in
a cell, Tabs to the next, presses Enter — and sees the broken rules go away; a letter
that is not R, A, C or I is refused with the typed value kept and the cell marked."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ritsen.workspace import services
from ritsen.workspace.models import Assignment
from ritsen.workspace.registers import roles
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(new_page, user):
    return log_in(new_page(), user.email)


def _texts(locator):
    """The texts of the ``li`` items, without the leading "!" badge."""
    return [re.sub(r"^!\s*", "", text.strip()) for text in locator.all_inner_texts()]


def _active_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_a_row_of_the_raci_grid_is_filled_by_keyboard_and_its_rules_follow(new_page, cast):
    client, contractor = cast.party_a, cast.party_b  # the conftest gives them these roles
    activity = services.create_item(
        access=cast.access(cast.coord_a),
        kind=roles.ACTIVITIES,
        register=roles.REGISTER,
        data={"title": "Intake", "step": None},
    )
    first, second = f"cell-{activity.pk}-{client.pk}", f"cell-{activity.pk}-{contractor.pk}"
    # The messages as the user's language (the UI's, Dutch) words them.
    with translation.override(cast.coord_a.language):
        no_letter = gettext("“%(activity)s” has no letter at all.") % {"activity": "Intake"}
        client_rule = gettext("%(party)s is opdrachtgever but accountable (A) for no activity.") % {
            "party": client.name
        }
        contractor_rule = gettext(
            "%(party)s is opdrachtnemer but responsible (R) for no activity."
        ) % {"party": contractor.name}
        refused = gettext("Use only the letters R, A, C and I (not %(letters)s).") % {
            "letters": "X"
        }

    page = _login(new_page, cast.coord_a)
    page.goto(reverse("workspace:roles", args=[cast.collab.pk]))
    row = page.locator(f"tr#activity-{activity.pk}")
    party_rules = page.locator("#raci-rules .rule-list li")
    cells = page.locator("form.raci-form input.raci__cell")

    # No letters yet: the row breaks "no letter at all", and both parties break theirs.
    assert cells.evaluate_all("inputs => inputs.map(i => i.id)") == [first, second]
    assert [cells.nth(0).input_value(), cells.nth(1).input_value()] == ["", ""]
    assert _texts(row.locator(".rule-list li")) == [no_letter]
    assert row.locator(".badge-success").count() == 0
    assert sorted(_texts(party_rules)) == sorted([client_rule, contractor_rule])

    # Keyboard only: into the first cell, "a", Tab, "r", Enter.
    page.locator(f"#{first}").focus()
    page.keyboard.type("a")
    page.keyboard.press("Tab")
    assert _active_id(page) == second
    page.keyboard.type("r")
    with page.expect_navigation() as saved:
        page.keyboard.press("Enter")
    assert saved.value.status == 200
    page.wait_for_url(re.compile(r"/workspace/roles/#raci$"))
    assert {
        (cell.party_id, cell.letters) for cell in Assignment.objects.filter(activity=activity)
    } == {(client.pk, "A"), (contractor.pk, "R")}

    page.reload()
    assert page.locator(f"#{first}").input_value() == "A"  # normalised to upper case
    assert page.locator(f"#{second}").input_value() == "R"
    assert row.locator(".rule-list li").count() == 0
    assert row.locator(".badge-success").count() == 1
    assert "row-flagged" not in (row.get_attribute("class") or "")
    assert party_rules.count() == 0  # the client is A somewhere, the contractor R

    # A letter that is not R, A, C or I: refused, the typed value kept, the cell marked.
    page.locator(f"#{first}").focus()
    page.keyboard.press("End")
    page.keyboard.type("x")
    with page.expect_navigation() as refused_response:
        page.keyboard.press("Enter")
    assert refused_response.value.status == 400
    cell = page.locator(f"#{first}")
    assert cell.input_value() == "Ax"
    assert cell.get_attribute("aria-invalid") == "true"
    assert cell.get_attribute("aria-describedby") == f"{first}-error"
    assert page.locator(f"span.field-error#{first}-error").inner_text().strip() == refused
    assert page.locator(f"#{second}").input_value() == "R"
    assert page.locator(f"#{second}").get_attribute("aria-invalid") is None
    assert {
        (cell.party_id, cell.letters) for cell in Assignment.objects.filter(activity=activity)
    } == {(client.pk, "A"), (contractor.pk, "R")}  # nothing was saved
